import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { isImageType } from '../../files/sniff.js';
import { inspectSource } from '../inspect.js';
import { fileSource, type ByteSource } from '../source.js';
import { planStripSource } from '../strip.js';
import type { ImageInfo } from '../types.js';

/** A file found to be an image by its bytes, with what its headers say. */
export interface FoundImage extends ImageInfo {
  /** Absolute real path. */
  path: string;
  /** The file's size. */
  bytes: number;
  /**
   * What would be sent with metadata stripped (the default), for JPEG, PNG and WebP; absent for other
   * types and for a structure strip refuses.
   */
  strippedBytes?: number;
}

async function strippedSize(source: ByteSource, info: ImageInfo): Promise<number | undefined> {
  if (!isImageType(info.type)) return undefined;
  // The header walk runs again, mostly from the reader's window: inspect just read the same headers.
  return planStripSource(source, info.type).then(
    ({ plan }) => plan.bytes,
    () => undefined,
  );
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
    const source = fileSource(handle, stats.size);
    const info = await inspectSource(source);
    if (info === undefined) return undefined;
    const found: FoundImage = { ...info, path, bytes: stats.size };
    const stripped = await strippedSize(source, info);
    if (stripped !== undefined) found.strippedBytes = stripped;
    return found;
  } catch {
    return undefined;
  } finally {
    await handle.close().catch(() => undefined);
  }
}
