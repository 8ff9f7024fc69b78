import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { lockFile } from './file-lock.js';
import { moveAside, readRecord, writeRecord, type FileEntry } from './file-store.js';
import { keyId } from './key.js';
import { underKeyLock } from './key-lock.js';
import { FILE_UPDATE_STALE_MS } from './limits.js';
import type { LedgerKey, LedgerTuning, UploadLedger } from './types.js';

export const RECORD_FILE = 'uploads.json';
const LOCKS_DIR = 'locks';

/**
 * The upload record as one JSON file in the state dir, shared by every process on the machine that
 * uses that dir. Writers take a short file lock and replace the file atomically; readers need no lock.
 */
export async function openFileLedger(stateDir: string, tuning: LedgerTuning): Promise<UploadLedger> {
  // 0700: the record and its locks are the user's business only.
  await mkdir(join(stateDir, LOCKS_DIR), { recursive: true, mode: 0o700 });
  return new FileLedger(join(stateDir, RECORD_FILE), join(stateDir, LOCKS_DIR), tuning);
}

class FileLedger implements UploadLedger {
  constructor(
    readonly location: string,
    private readonly locksDir: string,
    private readonly tuning: LedgerTuning,
  ) {}

  async withLock<T>(key: LedgerKey, fn: () => Promise<T>): Promise<T> {
    return underKeyLock(
      key,
      this.tuning,
      (options) => lockFile(join(this.locksDir, keyId(key)), options),
      fn,
    );
  }

  async lookup(key: LedgerKey): Promise<string | undefined> {
    const id = keyId(key);
    return (await this.entries()).find((entry) => entry.id === id)?.imageUrl;
  }

  async record(key: LedgerKey, imageUrl: string): Promise<void> {
    const id = keyId(key);
    const entry: FileEntry = { id, ...pick(key), imageUrl, recordedAt: Date.now() };
    await this.update((entries) => {
      const kept = entries.filter((other) => other.id !== id);
      kept.push(entry);
      // Oldest first, so the bound drops the entries least likely to be re-sent.
      return kept.slice(Math.max(0, kept.length - this.tuning.maxEntries));
    });
  }

  async forget(key: LedgerKey): Promise<void> {
    const id = keyId(key);
    await this.update((entries) => entries.filter((entry) => entry.id !== id));
  }

  async size(): Promise<number> {
    return (await this.entries()).length;
  }

  async close(): Promise<void> {
    // Nothing is held open between calls: each one reads or replaces the file whole.
  }

  private async entries(): Promise<FileEntry[]> {
    const read = await readRecord(this.location);
    if (read.ok) return read.entries;
    // Recover under the update lock, so two readers do not both move the file aside.
    return this.update((entries) => entries);
  }

  private async update(change: (entries: FileEntry[]) => FileEntry[]): Promise<FileEntry[]> {
    const release = await lockFile(this.location, {
      staleMs: FILE_UPDATE_STALE_MS,
      waitMs: this.tuning.lockWaitMs,
      onLost: (reason) => this.tuning.warn(`Lost the lock on ${this.location} (${reason}).`),
      timedOut: (waited) =>
        new Error(
          `The upload record ${this.location} stayed locked for ${Math.round(waited / 1000)} s; ` +
            `if no other catalog-upload-mcp is running, remove ${this.location}.lock.`,
        ),
    });
    try {
      const read = await readRecord(this.location);
      let entries: FileEntry[] = [];
      if (read.ok) entries = read.entries;
      else {
        // A broken record must not stop uploads; losing it only risks one duplicate per image.
        const aside = await moveAside(this.location);
        this.tuning.warn(
          `The upload record ${this.location} was unreadable (${read.reason}); ` +
            `moved it to ${aside} and started a new one.`,
        );
      }
      const changed = change(entries);
      if (changed !== entries || !read.ok) await writeRecord(this.location, changed);
      return changed;
    } finally {
      await release();
    }
  }
}

// Callers may pass a richer object; only the key's own parts belong in the file.
function pick({ baseUrl, productId, sha256 }: LedgerKey): LedgerKey {
  return { baseUrl, productId, sha256 };
}
