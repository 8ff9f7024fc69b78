import { readExif, type ExifFacts } from '../exif.js';
import { sliceSource, type ByteSource } from '../source.js';

// The largest EXIF block read: a JPEG segment cannot exceed 64 KiB; PNG and WebP blocks are bounded too.
const MAX_EXIF_BYTES = 1024 * 1024;
const EXIF_PREFIX = 'Exif\0\0';

/**
 * The EXIF facts of a block of `start`…`end` holding a TIFF structure, with or without the `Exif\0\0`
 * prefix (JPEG always has it; some PNG and WebP writers add it too).
 */
export async function exifBlock(source: ByteSource, start: number, end: number): Promise<ExifFacts> {
  const block = sliceSource(source, start, Math.min(end, start + MAX_EXIF_BYTES));
  const prefix = String.fromCharCode(...(await block.read(0, 6)));
  return readExif(block, prefix === EXIF_PREFIX ? 6 : 0);
}
