import type { FileHandle } from 'node:fs/promises';
import { SNIFF_BYTES, sniffImageType, type ImageType } from '../files/sniff.js';
import { ImageStructureError } from './refusal.js';
import { fileSource, type ByteSource } from './source.js';
import { stripJpeg } from './strip/jpeg.js';
import type { StripResult } from './strip/plan.js';
import { stripPng } from './strip/png.js';
import { stripWebp } from './strip/webp.js';

export type { Piece, Plan, StripResult } from './strip/plan.js';
export { FileChangedError, streamPlan } from './strip/stream.js';

const STRIPPERS: Record<ImageType, (source: ByteSource) => Promise<StripResult>> = {
  jpeg: stripJpeg,
  png: stripPng,
  webp: stripWebp,
};

/**
 * Plans the metadata-free copy of a JPEG, PNG or WebP from a walk over its segment and chunk headers
 * only. Throws `ImageStructureError` for a file whose structure cannot be walked: never half a plan.
 */
export async function planStripSource(source: ByteSource): Promise<StripResult> {
  const type = sniffImageType(await source.read(0, SNIFF_BYTES));
  if (type === undefined) {
    throw new Error('planStrip takes JPEG, PNG or WebP only; check the type before stripping');
  }
  try {
    return await STRIPPERS[type](source);
  } catch (error) {
    // A header field out of range surfaces as a RangeError from DataView: still a damaged file.
    if (error instanceof RangeError)
      throw new ImageStructureError(type, 'a header field points outside the file');
    throw error;
  }
}

/** `planStripSource` over an open file of `size` bytes; stream the result with `streamPlan`. */
export function planStrip(handle: FileHandle, size: number): Promise<StripResult> {
  return planStripSource(fileSource(handle, size));
}
