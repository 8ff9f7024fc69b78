import type { Dirent } from 'node:fs';
import { opendir } from 'node:fs/promises';

/**
 * Up to `max` entries of a folder, sorted by name so a bounded walk always sees the same ones.
 * An unreadable folder has no entries; `more` says entries were left unread.
 */
export async function readEntries(path: string, max: number): Promise<{ entries: Dirent[]; more: boolean }> {
  const entries: Dirent[] = [];
  let more = false;
  try {
    const dir = await opendir(path);
    try {
      for (let entry = await dir.read(); entry !== null; entry = await dir.read()) {
        if (entries.length === max) {
          more = true;
          break;
        }
        entries.push(entry);
      }
    } finally {
      await dir.close().catch(() => undefined);
    }
  } catch {
    return { entries: [], more: false };
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { entries, more };
}
