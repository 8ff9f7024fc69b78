import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { fileURLToPath } from 'node:url';
import exifr from 'exifr';
import sharp from 'sharp';
import { sniffImageType } from '../../src/files/sniff.js';
import { planStrip, streamPlan, type StripResult } from '../../src/images/strip.js';

/** 64×48, made by heif-enc (libheif 1.15, x265) from a JPEG with GPS EXIF, which it carries over. */
export const HEIC_FIXTURE = fileURLToPath(new URL('../fixtures/images/gps-64x48.heic', import.meta.url));

export type Container = 'jpeg' | 'png' | 'webp';
export const CONTAINERS: Container[] = ['jpeg', 'png', 'webp'];

export const GPS = {
  GPSLatitudeRef: 'N',
  GPSLatitude: '51/1 30/1 0/1',
  GPSLongitudeRef: 'E',
  GPSLongitude: '0/1 7/1 0/1',
};

export interface MakeOptions {
  width?: number;
  height?: number;
  gps?: boolean;
  orientation?: number;
  /** Embed sharp's sRGB ICC profile. */
  icc?: boolean;
  /** Any EXIF at all (camera fields), without GPS unless `gps`. */
  exif?: boolean;
  alpha?: boolean;
  /** Random pixels (incompressible) instead of a gradient. */
  noise?: boolean;
  quality?: number;
}

/** A real image made by libvips: a gradient (or noise) with the metadata asked for. */
export async function makeImage(type: Container, options: MakeOptions = {}): Promise<Buffer> {
  const width = options.width ?? 64;
  const height = options.height ?? 48;
  const channels = options.alpha ? 4 : 3;
  const raw = Buffer.alloc(width * height * channels);
  let seed = 12345;
  for (let i = 0; i < raw.length; i += 1) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    raw[i] = options.noise ? seed >> 16 : ((i % (width * channels)) * 7 + Math.floor(i / width) * 3) & 0xff;
  }
  let image = sharp(raw, { raw: { width, height, channels } });
  if (options.exif || options.gps) {
    image = image.withExif({
      IFD0: { Copyright: 'Jane Doe', Make: 'PhoneMaker', Model: 'Phone 15' },
      ...(options.gps ? { IFD3: GPS } : {}),
    });
  }
  // withMetadata writes an EXIF block (with the orientation) and the sRGB profile; withIccProfile only the profile.
  if (options.orientation) image = image.withMetadata({ orientation: options.orientation });
  else if (options.icc) image = image.withIccProfile('srgb');
  const quality = options.quality ?? 90;
  if (type === 'jpeg') return image.jpeg({ quality }).toBuffer();
  if (type === 'png') return image.png().toBuffer();
  return image.webp({ quality }).toBuffer();
}

/** Pixels as a viewer shows them: decoded by libvips, turned by the EXIF orientation. */
export async function pixels(bytes: Uint8Array): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(bytes).rotate().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** The GPS position a metadata library reads back, or undefined. */
export async function gpsOf(bytes: Uint8Array): Promise<unknown> {
  const { exif } = await sharp(bytes).metadata();
  if (!exif) return undefined;
  const tiff = exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? exif.subarray(6) : exif;
  return (await exifr.gps(tiff).catch(() => undefined)) ?? undefined;
}

export interface Scratch {
  dir: string;
  write(name: string, bytes: Uint8Array): string;
  cleanup(): void;
}

export function scratch(prefix = 'images-test-'): Scratch {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    write(name, bytes) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Strips a file through the real path: plan from the descriptor, then stream the plan. */
export async function stripFile(path: string): Promise<{ result: StripResult; bytes: Buffer }> {
  const handle = await open(path);
  try {
    const { size } = await handle.stat();
    const { buffer: head } = await handle.read(Buffer.alloc(12), 0, 12, 0);
    const type = sniffImageType(head);
    if (type === undefined) throw new Error(`${path} is not a JPEG, PNG or WebP`);
    const result = await planStrip(handle, size, type);
    return { result, bytes: await buffer(streamPlan(handle, result.plan)) };
  } finally {
    await handle.close();
  }
}
