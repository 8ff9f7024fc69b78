import { McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { z } from 'zod';

// The start-up baseline: the least a server on the same SDK can be, with one trivial tool, served by the
// same both-eras stdio entry as the real server.
serveStdio(() => {
  const server = new McpServer({ name: 'minimal-bench-server', version: '1.0.0' });
  server.registerTool(
    'echo',
    {
      description: 'Returns its input',
      inputSchema: z.object({ text: z.string().describe('Text to return') }),
    },
    async ({ text }) => ({ content: [{ type: 'text', text }] }),
  );
  return server;
});
