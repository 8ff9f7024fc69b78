import type { Dirent } from 'node:fs';
import { lstat, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isInside } from '../files/resolve.js';
import { readEntries } from './walk/directory.js';
import { probeImage, type FoundImage } from './walk/probe.js';

export type { FoundImage } from './walk/probe.js';

export const MAX_VISITED_ENTRIES = 10_000;
// Files inspected at once: enough to keep the thread pool busy, few enough to stop near the limit.
const PARALLEL = 16;

export interface WalkOptions {
  /** Real paths of the allowed roots: nothing outside them is read, links included. */
  roots: readonly string[];
  /** Real paths of the folders to list (inside the roots); default: the roots. */
  folders?: readonly string[];
  recursive: boolean;
  /** Images to return at most. */
  limit: number;
  /** Directory entries to look at at most (default 10,000). */
  maxEntries?: number;
}

export interface WalkResult {
  /** Sorted by path. */
  images: FoundImage[];
  /** The walk stopped early: more images than `limit`, or more entries than `maxEntries`. */
  truncated: boolean;
}

/** Where an entry really leads, if it may be read: a link is followed only to a target inside the roots. */
async function target(
  path: string,
  dirent: Dirent,
  roots: readonly string[],
): Promise<{ path: string; dir: boolean } | undefined> {
  // Some file systems do not say what an entry is in the listing; ask them.
  const known = dirent.isDirectory() || dirent.isFile() || dirent.isSymbolicLink();
  const entry = known ? dirent : await lstat(path).catch(() => undefined);
  if (entry === undefined) return undefined;
  if (entry.isDirectory()) return { path, dir: true };
  if (entry.isFile()) return { path, dir: false };
  if (!entry.isSymbolicLink()) return undefined;
  const real = await realpath(path).catch(() => undefined);
  if (real === undefined || !roots.some((root) => isInside(real, root))) return undefined;
  const stats = await stat(real).catch(() => undefined);
  return stats && (stats.isDirectory() || stats.isFile())
    ? { path: real, dir: stats.isDirectory() }
    : undefined;
}

/**
 * Lists the images in the given folders by their bytes, reading only headers: hidden entries, other
 * files, unreadable entries and links out of the roots are skipped, each folder and file once.
 */
export async function walkImages(options: WalkOptions): Promise<WalkResult> {
  const { roots, recursive, limit } = options;
  let budget = options.maxEntries ?? MAX_VISITED_ENTRIES;
  const images: FoundImage[] = [];
  const seen = new Set<string>();
  const pending = [...(options.folders ?? roots)].reverse();
  let unread = false; // the entry budget ran out with entries left
  let overLimit = false; // an image was found past the limit

  while (pending.length > 0 && !unread && !overLimit) {
    const dir = pending.pop() as string;
    if (seen.has(dir)) continue;
    seen.add(dir);
    const { entries, more } = await readEntries(dir, budget);
    budget -= entries.length;
    const visible = entries.filter((entry) => !entry.name.startsWith('.'));
    const targets = await Promise.all(visible.map((entry) => target(join(dir, entry.name), entry, roots)));
    const files = targets.flatMap((t) => (t && !t.dir && !seen.has(t.path) ? [t.path] : []));
    for (let i = 0; i < files.length && !overLimit; i += PARALLEL) {
      const batch = files.slice(i, i + PARALLEL);
      batch.forEach((file) => seen.add(file));
      for (const found of await Promise.all(batch.map(probeImage))) {
        if (found === undefined) continue;
        // One image past the limit proves there are more.
        if (images.length === limit) overLimit = true;
        else images.push(found);
      }
    }
    if (recursive) pending.push(...targets.flatMap((t) => (t?.dir ? [t.path] : [])).reverse());
    unread = more;
  }
  images.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { images, truncated: unread || overLimit };
}
