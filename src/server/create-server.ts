import { McpServer } from '@modelcontextprotocol/server';
import { registerTools } from '../tools/index.js';
import { followClientRoots } from './client-roots.js';
import type { ServerDeps } from './deps.js';
import { INSTRUCTIONS } from './instructions.js';
import { mcpLogSink } from './mcp-logging.js';
import { observeTools } from './observe-tools.js';
import { NAME, VERSION } from './version.js';

export type { ServerDeps } from './deps.js';

export interface ServerOptions {
  /**
   * Whether the folders a client shares (`roots/list`) join the allowed ones. On stdio there is one
   * client; in HTTP mode every caller shares the process's folders, so no caller may add to them.
   */
  clientRoots?: boolean;
}

/** The MCP server with its tools registered: the factory a stdio or HTTP entry builds per connection. */
export function createServer(deps: ServerDeps, { clientRoots = true }: ServerOptions = {}): McpServer {
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
  if (deps.observer) observeTools(server, deps.observer);
  registerTools(server, deps);
  if (clientRoots) followClientRoots(server.server, deps.files.roots, deps.logger);
  return server;
}
