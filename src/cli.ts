#!/usr/bin/env node
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { loadConfig } from './config.js';
import { createServer } from './server/create-server.js';
import { wireDeps } from './server/deps.js';

// Entry point: `catalog-upload-mcp [DIR ...]` serves MCP on stdio. Each DIR is an allowed root.
async function main(): Promise<void> {
  const roots = process.argv.slice(2);
  const deps = wireDeps({ config: loadConfig(process.env), roots });
  const server = createServer(deps);
  await server.connect(new StdioServerTransport());
  deps.logger.log('info', `catalog-upload-mcp ready; allowed folders: ${roots.join(', ') || '(none yet)'}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`catalog-upload-mcp failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
