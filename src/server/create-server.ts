import { McpServer } from '@modelcontextprotocol/server';
import { registerTools } from '../tools/index.js';
import type { ToolDeps } from '../tools/deps.js';
import type { LogSink } from '../logging.js';
import { followClientRoots } from './client-roots.js';
import { INSTRUCTIONS } from './instructions.js';
import { mcpLogSink } from './mcp-logging.js';
import { NAME, VERSION } from './version.js';

export interface ServerDeps extends ToolDeps {
  /** Called with the MCP log sink once the server exists, so logs can also reach the client. */
  addLogSink?: (sink: LogSink) => void;
}

/** The MCP server with its tools registered; the caller connects it to a transport. */
export function createServer(deps: ServerDeps): McpServer {
  const server = new McpServer(
    { name: NAME, version: VERSION },
    { capabilities: { logging: {} }, instructions: INSTRUCTIONS },
  );
  deps.addLogSink?.(mcpLogSink(server.server));
  registerTools(server, deps);
  followClientRoots(server.server, deps.files.roots, deps.logger);
  return server;
}
