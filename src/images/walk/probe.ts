import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { inspectImage } from '../inspect.js';
import type { ImageInfo } from '../types.js';

/** A file found to be an image by its bytes, with what its headers say. */
export interface FoundImage extends ImageInfo {
  /** Absolute real path. */
  path: string;
  /** The file's size. */
  bytes: number;
}

// O_NONBLOCK: a FIFO among the files must not stall the walk; O_NOFOLLOW: the path is already real.
const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/**
 * Opens a file and reads its headers; undefined for anything that is not a readable, well-formed image
 * (another kind of file, a device, a damaged image, a file that vanished or cannot be opened).
 */
export async function probeImage(path: string): Promise<FoundImage | undefined> {
  const handle = await open(path, FLAGS).catch(() => undefined);
  if (handle === undefined) return undefined;
  try {
    const stats = await handle.stat();
    if (!stats.isFile() || stats.size === 0) return undefined;
    const info = await inspectImage(handle, stats.size);
    return info && { ...info, path, bytes: stats.size };
  } catch {
    return undefined;
  } finally {
    await handle.close().catch(() => undefined);
  }
}
