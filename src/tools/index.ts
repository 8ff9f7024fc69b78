import type { McpServer } from '@modelcontextprotocol/server';
import type { ServerDeps } from '../server/deps.js';
import { registerListLocalImages } from './list-local-images.js';

/** Every platform's tools (each platform lists its own), then the tools that belong to no platform. */
export function registerTools(server: McpServer, deps: ServerDeps): void {
  const shared = { files: deps.files, logger: deps.logger, ledger: () => deps.ledger.get() };
  for (const platform of deps.platforms) platform.registerTools(server, shared);
  registerListLocalImages(server, deps.files);
}
