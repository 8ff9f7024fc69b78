import { exifBlock } from '../containers/exif-blocks.js';
import { scanJpeg } from '../containers/jpeg.js';
import { scanPng } from '../containers/png.js';
import { scanWebp } from '../containers/webp.js';
import type { ExifFacts } from '../exif.js';
import type { ByteSource } from '../source.js';
import type { ImageInfo } from '../types.js';

function withExif(info: Omit<ImageInfo, 'hasLocation'>, exif: ExifFacts | undefined): ImageInfo {
  const full: ImageInfo = { ...info, hasLocation: exif?.hasLocation ?? false };
  if (exif?.orientation !== undefined) full.orientation = exif.orientation;
  return full;
}

export async function inspectJpeg(source: ByteSource): Promise<ImageInfo> {
  const { segments, width, height } = await scanJpeg(source);
  // Decoders take the first EXIF segment; so does this.
  const app1 = segments.find((segment) => segment.holds === 'exif');
  return withExif(
    { type: 'jpeg', width, height },
    app1 && (await exifBlock(source, app1.start + 4, app1.end)),
  );
}

export async function inspectPng(source: ByteSource): Promise<ImageInfo> {
  const { chunks, width, height } = await scanPng(source);
  const exif = chunks.find((chunk) => chunk.type === 'eXIf');
  return withExif(
    { type: 'png', width, height },
    exif && (await exifBlock(source, exif.start + 8, exif.end - 4)),
  );
}

export async function inspectWebp(source: ByteSource): Promise<ImageInfo> {
  const { chunks, width, height } = await scanWebp(source);
  const exif = chunks.find((chunk) => chunk.fourcc === 'EXIF');
  return withExif(
    { type: 'webp', width, height },
    exif && (await exifBlock(source, exif.start + 8, exif.end)),
  );
}
