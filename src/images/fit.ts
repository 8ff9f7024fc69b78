import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { FORMAT_SNIFF_BYTES, sniffImageFormat, type ImageFormat } from '../files/sniff.js';
import type { Target } from './fits.js';
import { loadImage, type Decodable } from './fit/decode.js';
import type { Encoded, OutputType } from './fit/encode.js';
import { FitError } from './fit/error.js';
import { encodeToFit } from './fit/ladder.js';
import { renamed, writePrivate } from './fit/output.js';

export { FitError } from './fit/error.js';
export { needsFit, type Target } from './fits.js';

export type FitChange = 'metadata_removed' | 'oriented' | 'converted' | 'resized' | 'recompressed';

/** What fit makes of an image, without the file: what a dry run reports. */
export interface FitEstimate {
  fromType: ImageFormat;
  fromBytes: number;
  type: OutputType;
  /** The name to send it under: the original name with the new type's extension. */
  fileName: string;
  bytes: number;
  width: number;
  height: number;
  changes: FitChange[];
}

/** The prepared copy, in a private temporary file until `cleanup`. */
export interface FitResult extends FitEstimate {
  path: string;
  cleanup(): Promise<void>;
}

/** An open image file; `name` is its original name, for the prepared copy's name. */
export interface FitSource {
  handle: FileHandle;
  size: number;
  name?: string;
}

// The same bound as a downloaded source with fit: larger files are not read whole into memory.
export const MAX_FIT_INPUT_BYTES = 50 * 1024 * 1024;

/** JPEG, unless there is real transparency and PNG is accepted. */
const outputType = (image: Decodable, target: Target): OutputType =>
  (image.transparent && target.accept.includes('png')) || !target.accept.includes('jpeg') ? 'png' : 'jpeg';

function changesOf(image: Decodable, out: Encoded, type: OutputType): FitChange[] {
  const changes: FitChange[] = [];
  if (image.hasMetadata) changes.push('metadata_removed');
  if (image.turned) changes.push('oriented');
  changes.push(type === image.type ? 'recompressed' : 'converted');
  if (out.width < image.width) changes.push('resized');
  return changes;
}

async function prepare(source: FitSource, target: Target): Promise<{ estimate: FitEstimate; data: Buffer }> {
  if (source.size > MAX_FIT_INPUT_BYTES) {
    throw new FitError(
      `it is ${source.size} bytes; fit reads images up to ${MAX_FIT_INPUT_BYTES} bytes`,
      'Scale it down in an image editor first.',
    );
  }
  const head = new Uint8Array(FORMAT_SNIFF_BYTES);
  await source.handle.read(head, 0, head.length, 0);
  const fromType = sniffImageFormat(head);
  if (fromType === undefined) {
    throw new FitError(
      'its bytes are not JPEG, PNG, WebP, HEIC/HEIF, AVIF, TIFF, GIF or BMP',
      'Give an image file.',
    );
  }
  const image = await loadImage(source.handle, source.size, fromType);
  const type = outputType(image, target);
  const out = await encodeToFit(image, type, target.maxBytes);
  const estimate: FitEstimate = {
    fromType,
    fromBytes: source.size,
    type,
    fileName: renamed(source.name, type),
    bytes: out.data.length,
    width: out.width,
    height: out.height,
    changes: changesOf(image, out, type),
  };
  return { estimate, data: out.data };
}

async function withSource<T>(input: FitSource | string, use: (source: FitSource) => Promise<T>): Promise<T> {
  if (typeof input !== 'string') return use(input);
  const handle = await open(input);
  try {
    return await use({ handle, size: (await handle.stat()).size, name: basename(input) });
  } finally {
    await handle.close();
  }
}

/**
 * Decodes any supported image, turns it upright, drops its metadata (keeping the ICC profile) and
 * encodes it as a type the target accepts, scaling down until it is at most `target.maxBytes`.
 */
export function fitImage(input: FitSource | string, target: Target): Promise<FitResult> {
  return withSource(input, async (source) => {
    const { estimate, data } = await prepare(source, target);
    return { ...estimate, ...(await writePrivate(estimate.fileName, data)) };
  });
}

/** What `fitImage` would produce, without keeping a file: for dry runs. */
export function estimateFit(input: FitSource | string, target: Target): Promise<FitEstimate> {
  return withSource(input, async (source) => (await prepare(source, target)).estimate);
}
