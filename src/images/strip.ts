import type { FileHandle } from 'node:fs/promises';
import type { ImageType } from '../files/sniff.js';
import { walking } from './refusal.js';
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
 * Plans the metadata-free copy of a JPEG, PNG or WebP (`type`, as sniffed when the file was opened)
 * from a walk over its segment and chunk headers only. Throws `ImageStructureError` for a file whose
 * structure cannot be walked, or is no longer of that type: never half a plan.
 */
export function planStripSource(source: ByteSource, type: ImageType): Promise<StripResult> {
  return walking(type, () => STRIPPERS[type](source));
}

/** `planStripSource` over an open file of `size` bytes of `type`; stream the result with `streamPlan`. */
export function planStrip(handle: FileHandle, size: number, type: ImageType): Promise<StripResult> {
  return planStripSource(fileSource(handle, size), type);
}
