#!/usr/bin/env node
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { parseCommand } from './cli/args.js';
import { folderWarnings } from './cli/warnings.js';
import { createServer } from './server/create-server.js';
import { wireDeps } from './server/deps.js';

// Entry point: `catalog-upload-mcp [DIR ...]` serves MCP on stdio. Each DIR is an allowed root.
// `--help`, `--version` and `doctor` are loaded only when asked for: start-up time is measured.
async function main(): Promise<void> {
  const command = parseCommand(process.argv.slice(2));
  if (command.kind !== 'serve') {
    const { runCommand } = await import('./cli/commands.js');
    process.exitCode = await runCommand(command);
    return;
  }
  const roots = command.roots;
  const deps = wireDeps({ env: process.env, roots });
  for (const warning of folderWarnings(roots)) deps.logger.log('warning', warning);
  // serveStdio reads the opening message to pick the era (initialize, or 2026-07-28 discover) and pins
  // one server from the factory to the connection.
  serveStdio(() => createServer(deps), {
    onerror: (error) => deps.logger.log('warning', `MCP connection error: ${error.message}`),
  });
  deps.logger.log('info', `catalog-upload-mcp ready; allowed folders: ${roots.join(', ') || '(none yet)'}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`catalog-upload-mcp failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
