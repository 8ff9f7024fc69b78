import type { Command } from './args.js';
import { unknownOption, usageError } from './usage.js';

export const DEFAULT_HTTP_HOST = '127.0.0.1';
export const DEFAULT_HTTP_PORT = 8787;
const MAX_PORT = 65_535;

/**
 * The options of `http [--host H] [--port P] [DIR ...]` (also `--host=H`, `--port=P`). Port 0 asks the
 * system for a free one; the bound address is printed on stderr either way.
 */
export function parseHttpOptions(options: readonly string[], rest: readonly string[]): Command {
  let host = DEFAULT_HTTP_HOST;
  let port = DEFAULT_HTTP_PORT;
  const roots: string[] = [];
  for (let i = 0; i < options.length; i += 1) {
    const arg = options[i] ?? '';
    const [name, inline] = arg.startsWith('--') ? splitOnce(arg) : [arg, undefined];
    if (name !== '--host' && name !== '--port') {
      if (arg.startsWith('-') && arg !== '-') return unknownOption(arg);
      roots.push(arg);
      continue;
    }
    const value = inline ?? options[(i += 1)];
    if (value === undefined || value === '')
      return usageError(`${name} needs a value, e.g. ${name} ${example(name)}.`);
    if (name === '--host') {
      host = value;
      continue;
    }
    const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!(parsed <= MAX_PORT)) {
      return usageError(
        `--port '${value}' is not a port: give a whole number from 0 to ${MAX_PORT} (0 picks a free one).`,
      );
    }
    port = parsed;
  }
  return { kind: 'http', host, port, roots: [...roots, ...rest] };
}

function splitOnce(arg: string): [string, string | undefined] {
  const at = arg.indexOf('=');
  return at === -1 ? [arg, undefined] : [arg.slice(0, at), arg.slice(at + 1)];
}

const example = (name: string) => (name === '--host' ? '0.0.0.0' : String(DEFAULT_HTTP_PORT));
