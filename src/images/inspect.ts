import type { FileHandle } from 'node:fs/promises';
import { FORMAT_SNIFF_BYTES, sniffImageFormat, type ImageFormat } from '../files/sniff.js';
import { inspectJpeg, inspectPng, inspectWebp } from './inspect/containers.js';
import { inspectHeif } from './inspect/heif.js';
import { inspectBmp, inspectGif, inspectTiff } from './inspect/simple.js';
import { walking } from './refusal.js';
import { fileSource, type ByteSource } from './source.js';
import type { ImageInfo } from './types.js';

const INSPECTORS: Record<ImageFormat, (source: ByteSource) => Promise<ImageInfo>> = {
  jpeg: inspectJpeg,
  png: inspectPng,
  webp: inspectWebp,
  heic: (source) => inspectHeif(source, 'heic'),
  avif: (source) => inspectHeif(source, 'avif'),
  gif: inspectGif,
  bmp: inspectBmp,
  tiff: inspectTiff,
};

/**
 * Type, size, orientation and GPS presence of an image, from bounded reads of its headers and metadata
 * (never the pixel data). Undefined for a file that is not an image; throws `ImageStructureError`
 * for an image whose headers cannot be walked.
 */
export async function inspectSource(source: ByteSource): Promise<ImageInfo | undefined> {
  const type = sniffImageFormat(await source.read(0, FORMAT_SNIFF_BYTES));
  return type === undefined ? undefined : walking(type, () => INSPECTORS[type](source));
}

/** `inspectSource` over an open file of `size` bytes. */
export function inspectImage(handle: FileHandle, size: number): Promise<ImageInfo | undefined> {
  return inspectSource(fileSource(handle, size));
}
