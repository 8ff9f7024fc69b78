import { McpServer } from '@modelcontextprotocol/server';
import { registerTools } from '../tools/index.js';
import { followClientRoots } from './client-roots.js';
import type { ServerDeps } from './deps.js';
import { INSTRUCTIONS } from './instructions.js';
import { mcpLogSink } from './mcp-logging.js';
import { NAME, VERSION } from './version.js';

export type { ServerDeps } from './deps.js';

/** The MCP server with its tools registered: the factory a stdio or HTTP entry builds per connection. */
export function createServer(deps: ServerDeps): McpServer {
  const server = new McpServer(
    { name: NAME, version: VERSION },
    { capabilities: { logging: {} }, instructions: INSTRUCTIONS },
  );
  const removeSink = deps.addLogSink?.(mcpLogSink(server.server));
  const previous = server.server.onclose;
  server.server.onclose = () => {
    removeSink?.();
    previous?.();
  };
  registerTools(server, deps);
  followClientRoots(server.server, deps.files.roots, deps.logger);
  return server;
}
