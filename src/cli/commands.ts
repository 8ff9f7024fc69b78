import type { Command } from './args.js';

/**
 * Runs every command but the server itself, and returns the exit code. These print to stdout: they are
 * run by a person in a terminal, never by an MCP client. Each loads its code only when asked for.
 */
export async function runCommand(command: Exclude<Command, { kind: 'serve' | 'http' }>): Promise<number> {
  const { NAME, VERSION } = await import('../server/version.js');
  switch (command.kind) {
    case 'version':
      console.log(VERSION);
      return 0;
    case 'help': {
      const [{ helpText }, { PLATFORMS }] = await Promise.all([
        import('./help.js'),
        import('../platforms/index.js'),
      ]);
      console.log(helpText(VERSION, PLATFORMS));
      return 0;
    }
    case 'usage-error':
      console.error(command.message);
      return 2;
    case 'emulator': {
      const { serveEmulator } = await import('../emulator/cli.js');
      return serveEmulator(command.args);
    }
    case 'doctor': {
      const { exitCodeOf, renderReport, runChecks } = await import('./doctor/index.js');
      const rows = await runChecks({ env: process.env, folders: command.roots });
      const width = process.stdout.isTTY ? process.stdout.columns : undefined;
      console.log(renderReport(rows, `${NAME} ${VERSION} doctor`, width));
      return exitCodeOf(rows);
    }
  }
}
