import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';

/** One line of the record file. The key's parts are kept so a person can read the file. */
export interface FileEntry {
  id: string;
  baseUrl: string;
  productId: string;
  sha256: string;
  imageUrl: string;
  recordedAt: number;
}

const VERSION = 1;

export type ReadResult = { ok: true; entries: FileEntry[] } | { ok: false; reason: string };

/** Reads the record (oldest entry first). A missing file is an empty record, not an error. */
export async function readRecord(path: string): Promise<ReadResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, entries: [] };
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
  if (!isRecord(parsed)) return { ok: false, reason: `not a version ${VERSION} upload record` };
  return { ok: true, entries: parsed.entries };
}

/**
 * Replaces the record in one step: a reader sees the old file or the new one, never half of either,
 * even if this process dies mid-write. Mode 0600: the record names the user's products.
 */
export async function writeRecord(path: string, entries: FileEntry[]): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(JSON.stringify({ version: VERSION, entries }));
    // Without fsync a power cut after the rename can leave an empty file under the final name.
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  await rename(temp, path);
}

/** Moves an unreadable record out of the way, keeping it for a person to inspect. */
export async function moveAside(path: string): Promise<string> {
  const aside = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  await rename(path, aside);
  return aside;
}

function isRecord(value: unknown): value is { version: number; entries: FileEntry[] } {
  if (typeof value !== 'object' || value === null) return false;
  const { version, entries } = value as { version?: unknown; entries?: unknown };
  return version === VERSION && Array.isArray(entries) && entries.every(isEntry);
}

function isEntry(value: unknown): value is FileEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    ['id', 'baseUrl', 'productId', 'sha256', 'imageUrl'].every((field) => typeof entry[field] === 'string') &&
    typeof entry.recordedAt === 'number'
  );
}
