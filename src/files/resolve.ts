import type { Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { notAFile } from './kind.js';
import { FileRefusal } from './refusal.js';

/** True when `child` is `root` or lies below it; `/data-evil` is not inside `/data`. */
export function isInside(child: string, root: string): boolean {
  const rel = relative(root, child);
  if (rel === '') return true;
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

function expandHome(input: string): string {
  return input === '~' || input.startsWith('~/') ? join(homedir(), input.slice(1)) : input;
}

interface Located {
  real: string;
  /** Set for a link to a pipe or socket, which has no real path: /dev/stdin, /proc/self/fd/N. */
  nameless?: Stats;
}

/** Where `path` really is, after every symlink; undefined when nothing is there. */
async function locate(path: string, given: string): Promise<Located | undefined> {
  try {
    return { real: await realpath(path) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') {
      throw new FileRefusal(given, `cannot be read (${code}). Check the file's permissions.`);
    }
  }
  // realpath fails on a link to "pipe:[123]" although stat (which follows it) finds the pipe.
  const nameless = await stat(path).catch(() => undefined);
  // A deleted file still open elsewhere has no path either; it is gone, so report it missing.
  if (nameless === undefined || nameless.isFile()) return undefined;
  const parent = await realpath(dirname(path)).catch(() => dirname(path));
  return { real: join(parent, basename(path)), nameless };
}

/**
 * Resolves a path an agent gave to a real path inside an allowed root. Absolute paths are taken as
 * they are; relative ones are tried against each root in order. Symlinks are resolved before the
 * inside-the-root check, so a link cannot lead out of the sandbox.
 */
export async function resolveInsideRoots(
  given: string,
  roots: readonly string[],
  realRoots: readonly string[],
): Promise<string> {
  if (given.includes('\0')) throw new FileRefusal(given, 'contains a NUL byte; pass a plain file path.');
  if (roots.length === 0) {
    throw new FileRefusal(
      given,
      'no folders are allowed yet. Start the server with the image folder as an argument ' +
        '(catalog-upload-mcp /path/to/images) or share the folder as a root from your MCP client.',
    );
  }
  const expanded = expandHome(given);
  const candidates = isAbsolute(expanded) ? [expanded] : roots.map((root) => resolve(root, expanded));

  let outside: { candidate: string; real: string } | undefined;
  for (const candidate of candidates) {
    const found = await locate(candidate, given);
    if (found === undefined) continue;
    if (realRoots.some((root) => isInside(found.real, root))) {
      if (found.nameless) throw notAFile(given, found.nameless);
      return found.real;
    }
    outside ??= { candidate, real: found.real };
  }
  const allowed = roots.join(', ');
  // A missing path outside the roots is refused as outside, so refusals never tell what exists there.
  const inAnyRoot = (path: string) => [...roots, ...realRoots].some((root) => isInside(path, root));
  if (outside !== undefined || !candidates.some(inAnyRoot)) {
    const via = outside && outside.real !== outside.candidate ? ` (it resolves to ${outside.real})` : '';
    throw new FileRefusal(
      given,
      `is outside the allowed folders (${allowed})${via}. ` +
        'Copy the file into one of them, or add its folder to the server arguments or client roots.',
    );
  }
  throw new FileRefusal(
    given,
    `no such file${isAbsolute(expanded) ? '' : ` in the allowed folders (${allowed})`}. Check the spelling, ` +
      'or give an absolute path inside an allowed folder.',
  );
}
