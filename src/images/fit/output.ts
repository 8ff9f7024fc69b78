import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import type { OutputType } from './encode.js';

const EXTENSION: Record<OutputType, string> = { jpeg: '.jpg', png: '.png' };

/** The original name with the extension of what it now is: `IMG_0001.HEIC` → `IMG_0001.jpg`. */
export function renamed(name: string | undefined, type: OutputType): string {
  const base = name ? basename(name, extname(name)) : '';
  return `${base || 'image'}${EXTENSION[type]}`;
}

/** Writes the prepared copy into a fresh private folder (0700, file 0600); `cleanup` removes both. */
export async function writePrivate(
  name: string,
  data: Uint8Array,
): Promise<{ path: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'catalog-upload-fit-'));
  const path = join(dir, name);
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    await writeFile(path, data, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    await cleanup();
    throw error;
  }
  return { path, cleanup };
}
