import { readlink, realpath } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';

/** Where a path leads, and, when it cannot be resolved to the end, why (an errno code). */
export interface Location {
  real: string;
  problem?: string;
}

// Linux gives up after 40 links with ELOOP; so does this, across the whole walk.
const MAX_LINKS = 40;

async function walk(path: string, budget: { links: number }): Promise<Location> {
  let problem: string;
  try {
    return { real: await realpath(path) };
  } catch (error) {
    problem = (error as NodeJS.ErrnoException).code ?? 'EIO';
  }
  const parentPath = dirname(path);
  if (parentPath === path) return { real: path, problem };
  const parent = await walk(parentPath, budget);
  const here = resolve(parent.real, basename(path));
  if (parent.problem !== undefined) return { real: here, problem: parent.problem };
  // A dangling or unreadable link is judged by where it points, not by where it sits.
  const target = budget.links > 0 ? await readlink(here).catch(() => undefined) : undefined;
  if (target === undefined) return { real: here, problem };
  budget.links -= 1;
  return walk(resolve(parent.real, target), budget);
}

/**
 * The real path of `path`, or, when it cannot be resolved, where it would be: the real path of its
 * deepest resolvable part, following links by hand beyond that. So a missing or unreadable path is
 * judged inside or outside the roots by where it leads, exactly like one that exists, and refusals
 * cannot tell an agent which paths outside the roots exist.
 */
export function locate(path: string): Promise<Location> {
  return walk(path, { links: MAX_LINKS });
}
