import type { FileHandle } from 'node:fs/promises';
import sharp, { type SharpOptions } from 'sharp';
import { FORMAT_LABEL, type ImageFormat } from '../../files/sniff.js';
import { inspectSource } from '../inspect.js';
import { bufferSource } from '../source.js';
import { FitError } from './error.js';
import { decodeHeicPixels } from './heic.js';

/** An image ready for sharp: its input and options, and what fit needs to know about it. */
export interface Decodable {
  type: ImageFormat;
  input: Buffer;
  options: SharpOptions;
  /** Size as shown, after orientation. */
  width: number;
  height: number;
  /** Some pixel is not fully opaque. */
  transparent: boolean;
  /** EXIF orientation other than 1: the pixels get turned. */
  turned: boolean;
  /** EXIF, XMP, IPTC or text comments that the output leaves behind. */
  hasMetadata: boolean;
}

const anyAlphaBelow = (rgba: Uint8Array, max: number) => {
  for (let i = 3; i < rgba.length; i += 4) if ((rgba[i] ?? 255) < max) return true;
  return false;
};

/** Raw RGBA pixels from a decoder other than libvips; an alpha channel that says nothing is dropped. */
function rawInput(
  type: ImageFormat,
  rgba: Uint8Array,
  width: number,
  height: number,
  alpha: boolean,
): Decodable {
  const input = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  return {
    type,
    input,
    options: { raw: { width, height, channels: 4 } },
    width,
    height,
    transparent: alpha && anyAlphaBelow(rgba, 255),
    turned: false,
    hasMetadata: false,
  };
}

async function decodeHeic(file: Buffer): Promise<Decodable> {
  const { width, height, data } = await decodeHeicPixels(file);
  // libheif applies the HEIF turn (irot/imir) while decoding; the EXIF it leaves behind is not copied.
  const decoded = rawInput(
    'heic',
    new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    width,
    height,
    true,
  );
  const meta = await sharp(file)
    .metadata()
    .catch(() => undefined);
  return { ...decoded, hasMetadata: Boolean(meta?.exif ?? meta?.xmp) };
}

async function decodeBmp(file: Buffer): Promise<Decodable> {
  const { decode } = await import('bmp-ts');
  const bmp = decode(file, { toRGBA: true });
  // Below 32 bits the decoder fills alpha with 0; at 32 bits an all-zero fourth byte means "unused".
  const alpha = bmp.bitPP === 32 && !allZeroAlpha(bmp.data);
  return rawInput('bmp', bmp.data, bmp.width, bmp.height, alpha);
}

function allZeroAlpha(rgba: Uint8Array): boolean {
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 0) return false;
  return true;
}

async function decodeWithVips(type: ImageFormat, file: Buffer): Promise<Decodable> {
  const options: SharpOptions = { pages: 1 };
  const meta = await sharp(file, options).metadata();
  const turned = (meta.orientation ?? 1) > 4;
  const transparent = meta.hasAlpha ? !(await sharp(file, options).stats()).isOpaque : false;
  return {
    type,
    input: file,
    options,
    width: (turned ? meta.height : meta.width) ?? 0,
    height: (turned ? meta.width : meta.height) ?? 0,
    transparent,
    turned: (meta.orientation ?? 1) !== 1,
    hasMetadata: Boolean(meta.exif ?? meta.xmp ?? meta.iptc ?? meta.comments?.length),
  };
}

// HEIC and BMP decode to plain RGBA in memory (4 bytes a pixel): 120 MP is 480 MB. libvips applies
// its own limit (268 MP) and streams.
export const MAX_RAW_DECODE_PIXELS = 120_000_000;

async function readWhole(handle: FileHandle, size: number): Promise<Buffer> {
  const file = Buffer.alloc(size);
  for (let filled = 0; filled < size;) {
    const { bytesRead } = await handle.read(file, filled, size - filled, filled);
    if (bytesRead === 0) throw new FitError('the file changed while it was being read', 'Try again.');
    filled += bytesRead;
  }
  return file;
}

/** Refuses, from the headers alone, a HEIC or BMP too large to decode into memory. */
async function checkPixels(file: Buffer, type: ImageFormat): Promise<void> {
  const info = await inspectSource(bufferSource(file));
  if (info && info.width * info.height > MAX_RAW_DECODE_PIXELS) {
    throw new FitError(
      `it is ${info.width}×${info.height} pixels; ${FORMAT_LABEL[type]} images are prepared up to ${MAX_RAW_DECODE_PIXELS / 1e6} megapixels`,
      'Scale it down or export it as JPEG first.',
    );
  }
}

/** Reads the file whole (fit needs all of it) and prepares it for sharp; decoding errors become FitError. */
export async function loadImage(handle: FileHandle, size: number, type: ImageFormat): Promise<Decodable> {
  const file = await readWhole(handle, size);
  try {
    if (type === 'heic' || type === 'bmp') await checkPixels(file, type);
    if (type === 'heic') return await decodeHeic(file);
    if (type === 'bmp') return await decodeBmp(file);
    return await decodeWithVips(type, file);
  } catch (error) {
    if (error instanceof FitError) throw error;
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new FitError(
      `the ${FORMAT_LABEL[type]} image could not be decoded (${why})`,
      'Open it in an image editor and export it again as JPEG or PNG.',
    );
  }
}
