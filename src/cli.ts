#!/usr/bin/env node
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { parseCommand } from './cli/args.js';
import { folderWarnings } from './cli/warnings.js';
import { createServer } from './server/create-server.js';
import { wireDeps } from './server/deps.js';

// Entry point: `catalog-upload-mcp [DIR ...]` serves MCP on stdio. Each DIR is an allowed root.
// `http`, `--help`, `--version` and `doctor` are loaded only when asked for: start-up time is measured.
async function main(): Promise<void> {
  const command = parseCommand(process.argv.slice(2));
  if (command.kind === 'http') {
    const { serveHttp } = await import('./serve-http/index.js');
    // `once`: a second signal while calls are finishing stops the process at once, as signals do.
    const stopRequested = new Promise((resolve) => {
      process.once('SIGTERM', resolve);
      process.once('SIGINT', resolve);
    });
    const say = (line: string) => process.stderr.write(`${line}\n`);
    // exit, not exitCode: open keep-alive connections to the platforms must not hold the process.
    process.exit(await serveHttp({ ...command, env: process.env, stopRequested, say }));
  }
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
