import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { COMMAND_NAMES } from './args.js';

/**
 * What is wrong with the folder arguments of a server start, one line each. The server still starts
 * (the client may create a folder later, or share roots), but a typo here would otherwise surface only
 * as "outside the allowed folders" on the first upload.
 */
export function folderWarnings(folders: readonly string[], cwd: string = process.cwd()): string[] {
  return folders.flatMap((given) => {
    const path = resolve(cwd, given);
    let isFolder: boolean;
    try {
      isFolder = statSync(path).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') {
        return [
          `folder '${given}' cannot be read (${code ?? (error as Error).message}): nothing will be read from it.`,
        ];
      }
      return [missing(given, path)];
    }
    if (isFolder) return [];
    return [`'${given}' is a file, not a folder (${path}): give the folder that holds the images instead.`];
  });
}

/** Words people type in place of an option, or before folders when no command is needed. */
const NOT_COMMANDS: Record<string, string> = {
  help: 'for usage, run catalog-upload-mcp --help',
  version: 'for the version, run catalog-upload-mcp --version',
  serve: 'the server needs no command word: give only the folders',
  start: 'the server needs no command word: give only the folders',
  run: 'the server needs no command word: give only the folders',
};

function missing(given: string, path: string): string {
  const problem = `folder '${given}' does not exist (${path})`;
  // A path with a separator was meant as a path; a bare word may be a mistyped command.
  if (!isAbsolute(given) && !/[\\/]/.test(given)) {
    const word = given.toLowerCase();
    const hint = NOT_COMMANDS[word];
    if (hint !== undefined) return `${problem} and '${given}' is not a command: ${hint}.`;
    const command = COMMAND_NAMES.find((name) => editDistance(word, name) <= 2);
    if (command !== undefined) {
      return `${problem}; did you mean the ${command} command? It must come first: catalog-upload-mcp ${command} [DIR ...].`;
    }
  }
  return `${problem}: nothing can be read from it; create it, or correct the folder in the server arguments.`;
}

/** Levenshtein distance: insertions, deletions and substitutions each cost 1. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
