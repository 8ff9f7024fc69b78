import { realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { notAFile } from './kind.js';
import { locate } from './locate.js';
import { ACCEPTED_SOURCES, classifyPathInput } from './path-input.js';
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

/** The one answer for every path outside the roots: it names no target and does not depend on what is there. */
function outsideRefusal(given: string, allowed: string): FileRefusal {
  return new FileRefusal(
    given,
    `is outside the allowed folders (${allowed}). ` +
      'Copy the file into one of them, or add its folder to the server arguments or client roots.',
  );
}

/** A configured root that does not exist admits nothing, but a path under it is missing, not outside. */
async function underMissingRoot(candidates: readonly string[], roots: readonly string[]): Promise<boolean> {
  for (const root of roots) {
    if (!candidates.some((candidate) => isInside(candidate, root))) continue;
    if ((await realpath(root).catch(() => undefined)) === undefined) return true;
  }
  return false;
}

/**
 * Resolves a local path an agent gave to a real path inside an allowed root. Absolute paths are taken
 * as they are; relative ones are tried against each root in order. Symlinks are resolved before the
 * inside-the-root check, so a link cannot lead out of the sandbox; a path that cannot be resolved is
 * judged by where it would lead, so the answer never depends on what exists outside.
 */
export async function resolveLocalPath(
  given: string,
  path: string,
  roots: readonly string[],
  realRoots: readonly string[],
): Promise<string> {
  if (roots.length === 0) {
    throw new FileRefusal(
      given,
      'no folders are allowed yet. Start the server with the image folder as an argument ' +
        '(catalog-upload-mcp /path/to/images) or share the folder as a root from your MCP client.',
    );
  }
  const expanded = expandHome(path);
  const candidates = isAbsolute(expanded) ? [expanded] : roots.map((root) => resolve(root, expanded));

  let problem: string | undefined;
  for (const candidate of candidates) {
    const found = await locate(candidate);
    if (!realRoots.some((root) => isInside(found.real, root))) continue;
    if (found.problem === undefined) return found.real;
    // realpath fails on a link to "pipe:[123]" (/dev/stdin, /proc/self/fd/N) although stat finds it.
    const nameless = await stat(candidate).catch(() => undefined);
    if (nameless !== undefined && !nameless.isFile()) throw notAFile(given, nameless);
    problem ??= found.problem;
  }
  const allowed = roots.join(', ');
  if (problem === undefined && !(await underMissingRoot(candidates, roots))) {
    throw outsideRefusal(given, allowed);
  }
  if (problem !== undefined && problem !== 'ENOENT' && problem !== 'ENOTDIR') {
    throw new FileRefusal(given, `cannot be read (${problem}). Check the file's permissions.`);
  }
  throw new FileRefusal(
    given,
    `no such file${isAbsolute(expanded) ? '' : ` in the allowed folders (${allowed})`}. Check the spelling, ` +
      'or give an absolute path inside an allowed folder.',
  );
}

/**
 * Resolves a `path` argument to a real path inside an allowed root, refusing anything that is not a
 * local path. https:// URLs get their own branch: the download source takes them from here.
 */
export async function resolveInsideRoots(
  given: string,
  roots: readonly string[],
  realRoots: readonly string[],
): Promise<string> {
  const input = classifyPathInput(given);
  if (input.kind === 'refused') throw input.refusal;
  if (input.kind === 'https') {
    throw new FileRefusal(given, `is a URL, and URL sources are not enabled here. ${ACCEPTED_SOURCES}`);
  }
  return resolveLocalPath(given, input.path, roots, realRoots);
}
