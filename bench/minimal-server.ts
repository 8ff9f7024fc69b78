import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

// The start-up baseline: the least a server on the same SDK can be, with one trivial tool.
const server = new McpServer({ name: 'minimal-bench-server', version: '1.0.0' });
server.registerTool(
  'echo',
  { description: 'Returns its input', inputSchema: { text: z.string().describe('Text to return') } },
  async ({ text }) => ({ content: [{ type: 'text', text }] }),
);
await server.connect(new StdioServerTransport());
