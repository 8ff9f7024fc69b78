import { parseHttpOptions } from './http-args.js';
import { unknownOption, type UsageError } from './usage.js';

/** What the command line asks for. Parsed without loading anything, so a plain server start stays lean. */
export type Command =
  | { kind: 'serve'; roots: string[] }
  | { kind: 'http'; host: string; port: number; roots: string[] }
  | { kind: 'doctor'; roots: string[] }
  | { kind: 'emulator'; args: string[] }
  | { kind: 'help' }
  | { kind: 'version' }
  | UsageError;

/** The words that select a command instead of serving; anything else in first place is a folder. */
export const COMMAND_NAMES = ['doctor', 'emulator'] as const;

const HELP = new Set(['--help', '-h']);
const VERSION = new Set(['--version', '-v', '-V']);

/**
 * `[DIR ...]` serves MCP on stdio; `http [--host H] [--port P] [DIR ...]` serves it over HTTP; `doctor
 * [DIR ...]` checks the set-up; `emulator` runs the offline emulator of both APIs; `--help` and
 * `--version` print and exit. `--` ends the options, for a folder whose name starts with a dash or is
 * `doctor` or `http`.
 */
export function parseCommand(argv: readonly string[]): Command {
  // The emulator parses its own options (--port, --host).
  if (argv[0] === 'emulator') return { kind: 'emulator', args: argv.slice(1) };
  const end = argv.indexOf('--');
  const options = end === -1 ? argv : argv.slice(0, end);
  const rest = end === -1 ? [] : argv.slice(end + 1);

  if (options.some((arg) => HELP.has(arg))) return { kind: 'help' };
  if (options.some((arg) => VERSION.has(arg))) return { kind: 'version' };
  if (options[0] === 'http') return parseHttpOptions(options.slice(1), rest);
  const unknown = options.find((arg) => arg.startsWith('-') && arg !== '-');
  if (unknown !== undefined) return unknownOption(unknown);
  const [first, ...others] = options;
  if (first === 'doctor') return { kind: 'doctor', roots: [...others, ...rest] };
  return { kind: 'serve', roots: [...options, ...rest] };
}
