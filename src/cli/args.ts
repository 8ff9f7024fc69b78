/** What the command line asks for. Parsed without loading anything, so a plain server start stays lean. */
export type Command =
  | { kind: 'serve'; roots: string[] }
  | { kind: 'doctor'; roots: string[] }
  | { kind: 'emulator'; args: string[] }
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'usage-error'; message: string };

/** The words that select a command instead of serving; anything else in first place is a folder. */
export const COMMAND_NAMES = ['doctor', 'emulator'] as const;

const HELP = new Set(['--help', '-h']);
const VERSION = new Set(['--version', '-v', '-V']);

/**
 * `[DIR ...]` serves MCP on stdio; `doctor [DIR ...]` checks the set-up; `emulator` runs the offline
 * emulator of both APIs; `--help` and `--version` print and exit. `--` ends the options, for a folder whose name starts with a dash or is `doctor`.
 */
export function parseCommand(argv: readonly string[]): Command {
  // The emulator parses its own options (--port, --host).
  if (argv[0] === 'emulator') return { kind: 'emulator', args: argv.slice(1) };
  const end = argv.indexOf('--');
  const options = end === -1 ? argv : argv.slice(0, end);
  const rest = end === -1 ? [] : argv.slice(end + 1);

  if (options.some((arg) => HELP.has(arg))) return { kind: 'help' };
  if (options.some((arg) => VERSION.has(arg))) return { kind: 'version' };
  const unknown = options.find((arg) => arg.startsWith('-') && arg !== '-');
  if (unknown !== undefined) {
    return {
      kind: 'usage-error',
      message:
        `Unknown option '${unknown}'. Folders are plain arguments (put -- before a folder whose name ` +
        'starts with a dash); run catalog-upload-mcp --help for usage.',
    };
  }
  const [first, ...others] = options;
  if (first === 'doctor') return { kind: 'doctor', roots: [...others, ...rest] };
  return { kind: 'serve', roots: [...options, ...rest] };
}
