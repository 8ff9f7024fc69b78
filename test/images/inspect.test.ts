import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectImage } from '../../src/images/inspect.js';
import { CONTAINERS, HEIC_FIXTURE, makeImage, scratch } from './helpers.js';

const dir = scratch();
afterAll(() => dir.cleanup());

/** A little-endian TIFF whose IFD0 holds a 9×7 size and a GPS IFD, with or without coordinates. */
function tiffWithGps(coordinates: boolean): Buffer {
  const tiff = Buffer.alloc(128);
  tiff.write('II*\0', 0, 'latin1');
  tiff.writeUInt32LE(8, 4);
  const entry = (at: number, tag: number, type: number, value: number) => {
    tiff.writeUInt16LE(tag, at);
    tiff.writeUInt16LE(type, at + 2);
    tiff.writeUInt32LE(1, at + 4);
    tiff.writeUInt32LE(value, at + 8);
  };
  tiff.writeUInt16LE(3, 8);
  entry(10, 0x100, 3, 9);
  entry(22, 0x101, 3, 7);
  entry(34, 0x8825, 4, 64);
  tiff.writeUInt16LE(3, 64);
  entry(66, 1, 2, 0x4e); // GPSLatitudeRef "N"
  entry(78, coordinates ? 2 : 5, 5, 100); // GPSLatitude, or GPSAltitudeRef without coordinates
  entry(90, coordinates ? 4 : 6, 5, 100);
  return tiff;
}

async function inspectPath(path: string) {
  const handle = await open(path);
  try {
    return await inspectImage(handle, (await handle.stat()).size);
  } finally {
    await handle.close();
  }
}

describe('inspectImage', () => {
  it.each(CONTAINERS)('reads size, orientation and GPS presence of a %s from its headers', async (type) => {
    const located = await makeImage(type, { width: 70, height: 30, gps: true, orientation: 8 });
    expect(await inspectPath(dir.write(`gps.${type}`, located))).toEqual({
      type,
      width: 70,
      height: 30,
      hasLocation: true,
      orientation: 8,
    });
    const camera = await makeImage(type, { width: 33, height: 17, exif: true });
    expect(await inspectPath(dir.write(`camera.${type}`, camera))).toMatchObject({
      width: 33,
      height: 17,
      hasLocation: false,
    });
  });

  it('reads lossless WebP (VP8L) and simple lossy WebP (VP8) sizes', async () => {
    const base = sharp({ create: { width: 21, height: 13, channels: 4, background: '#08f8' } });
    const lossless = await base.clone().webp({ lossless: true }).toBuffer();
    const lossy = await base.clone().removeAlpha().webp().toBuffer();
    expect(await inspectPath(dir.write('ll.webp', lossless))).toEqual({
      type: 'webp',
      width: 21,
      height: 13,
      hasLocation: false,
    });
    expect(await inspectPath(dir.write('ly.webp', lossy))).toEqual({
      type: 'webp',
      width: 21,
      height: 13,
      hasLocation: false,
    });
  });

  it('reads GIF, TIFF and AVIF made by libvips', async () => {
    const base = sharp({ create: { width: 25, height: 19, channels: 3, background: '#c0ffee' } });
    const gif = await base.clone().gif().toBuffer();
    const tiff = await base.clone().withMetadata({ orientation: 3 }).tiff().toBuffer();
    const avif = await base.clone().avif({ effort: 0 }).toBuffer();
    expect(await inspectPath(dir.write('a.gif', gif))).toEqual({
      type: 'gif',
      width: 25,
      height: 19,
      hasLocation: false,
    });
    expect(await inspectPath(dir.write('a.tiff', tiff))).toEqual({
      type: 'tiff',
      width: 25,
      height: 19,
      hasLocation: false,
      orientation: 3,
    });
    expect(await inspectPath(dir.write('a.avif', avif))).toEqual({
      type: 'avif',
      width: 25,
      height: 19,
      hasLocation: false,
    });
  });

  it('finds the GPS directory of a TIFF (libvips writes none, so this one is laid out by hand)', async () => {
    expect(await inspectPath(dir.write('gps.tif', tiffWithGps(true)))).toEqual({
      type: 'tiff',
      width: 9,
      height: 7,
      hasLocation: true,
    });
    expect(await inspectPath(dir.write('nogps.tif', tiffWithGps(false)))).toEqual({
      type: 'tiff',
      width: 9,
      height: 7,
      hasLocation: false,
    });
  });

  it('reads a BMP header', async () => {
    const bmp = Buffer.alloc(54 + 4 * 3 * 4);
    bmp.write('BM', 0, 'latin1');
    bmp.writeUInt32LE(bmp.length, 2);
    bmp.writeUInt32LE(54, 10);
    bmp.writeUInt32LE(40, 14);
    bmp.writeInt32LE(4, 18);
    bmp.writeInt32LE(-3, 22); // top-down rows
    bmp.writeUInt16LE(1, 26);
    bmp.writeUInt16LE(32, 28);
    expect(await inspectPath(dir.write('a.bmp', bmp))).toEqual({
      type: 'bmp',
      width: 4,
      height: 3,
      hasLocation: false,
    });
  });

  it('finds the GPS in the EXIF item of an iPhone-style HEIC', async () => {
    expect(await inspectPath(HEIC_FIXTURE)).toEqual({
      type: 'heic',
      width: 64,
      height: 48,
      hasLocation: true,
    });
    expect(readFileSync(HEIC_FIXTURE).length).toBeLessThan(2048);
  });

  it('answers undefined for a file that is not an image', async () => {
    expect(await inspectPath(dir.write('notes.txt', Buffer.from('GIF? no, just text')))).toBeUndefined();
  });
});
