import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { encode as encodeBmp } from 'bmp-ts';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { estimateFit, fitImage, FitError } from '../../src/images/fit.js';
import { PLATFORM_TARGETS } from '../../src/images/fits.js';
import { gpsOf, HEIC_FIXTURE, makeImage, pixels, scratch } from './helpers.js';

const dir = scratch();
afterAll(() => dir.cleanup());
const { shopee, tracepass } = PLATFORM_TARGETS;

/** Mean absolute difference per channel value between two decodings of the same size. */
function meanDifference(a: Buffer, b: Buffer): number {
  expect(a.length).toBe(b.length);
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / a.length;
}

describe('fitImage', () => {
  it('turns an iPhone HEIC into a JPEG without its GPS, in a private file that cleanup removes', async () => {
    const fitted = await fitImage(HEIC_FIXTURE, shopee);
    try {
      expect(fitted).toMatchObject({
        fromType: 'heic',
        type: 'jpeg',
        fileName: 'gps-64x48.jpg',
        width: 64,
        height: 48,
      });
      expect(fitted.changes).toEqual(['metadata_removed', 'converted']);
      const bytes = readFileSync(fitted.path);
      expect(bytes.length).toBe(fitted.bytes);
      expect(await gpsOf(bytes)).toBeUndefined();
      expect((await sharp(bytes).metadata()).exif).toBeUndefined();
      expect(statSync(fitted.path).mode & 0o777).toBe(0o600);
      expect(statSync(dirname(fitted.path)).mode & 0o777).toBe(0o700);
      // The HEIC holds the gradient the fixture was made from: red grows left to right, green downwards.
      const { data } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
      expect(data[0]).toBeLessThan(40);
      expect(data[(47 * 64 + 63) * 3]).toBeGreaterThan(200);
    } finally {
      await fitted.cleanup();
    }
    expect(existsSync(fitted.path)).toBe(false);
    expect(existsSync(dirname(fitted.path))).toBe(false);
  });

  it('makes the same bytes from the same file and target', async () => {
    const path = dir.write(
      'noise.webp',
      await makeImage('webp', { width: 300, height: 200, noise: true, gps: true }),
    );
    const first = await fitImage(path, shopee);
    const second = await fitImage(path, shopee);
    expect(readFileSync(first.path).equals(readFileSync(second.path))).toBe(true);
    expect(first.path).not.toBe(second.path);
    await Promise.all([first.cleanup(), second.cleanup()]);
  });

  it('turns the pixels upright and drops the orientation, keeping the ICC profile', async () => {
    const original = await makeImage('jpeg', {
      width: 80,
      height: 40,
      orientation: 6,
      exif: true,
      gps: true,
      icc: true,
    });
    const fitted = await fitImage(dir.write('turned.jpg', original), {
      accept: ['png'],
      maxBytes: 1_000_000,
    });
    const bytes = readFileSync(fitted.path);
    await fitted.cleanup();
    expect(fitted).toMatchObject({ type: 'png', width: 40, height: 80 });
    expect(fitted.changes).toEqual(['metadata_removed', 'oriented', 'converted']);
    const { orientation, icc } = await sharp(bytes).metadata();
    expect(orientation).toBeUndefined();
    expect(icc).toEqual((await sharp(original).metadata()).icc);
    expect(meanDifference((await pixels(bytes)).data, (await pixels(original)).data)).toBe(0);
  });

  it('keeps real transparency as PNG and flattens an alpha channel that is all opaque to JPEG', async () => {
    const clear = await sharp({
      create: { width: 30, height: 20, channels: 4, background: { r: 9, g: 99, b: 199, alpha: 0.5 } },
    })
      .webp({ lossless: true })
      .toBuffer();
    const opaque = await sharp({
      create: { width: 30, height: 20, channels: 4, background: { r: 9, g: 99, b: 199, alpha: 1 } },
    })
      .tiff()
      .toBuffer();
    const a = await estimateFit(dir.write('clear.webp', clear), shopee);
    const b = await estimateFit(dir.write('opaque.tiff', opaque), shopee);
    expect(a).toMatchObject({
      fromType: 'webp',
      type: 'png',
      fileName: 'clear.png',
      width: 30,
      height: 20,
      changes: ['converted'],
    });
    expect(b).toMatchObject({
      fromType: 'tiff',
      type: 'jpeg',
      fileName: 'opaque.jpg',
      changes: ['converted'],
    });
  });

  it('reads AVIF, GIF (first frame) and BMP, which sharp alone cannot', async () => {
    const base = sharp({ create: { width: 24, height: 16, channels: 3, background: '#336699' } });
    const avif = await estimateFit(
      dir.write('a.avif', await base.clone().avif({ effort: 0 }).toBuffer()),
      tracepass,
    );
    const gif = await estimateFit(dir.write('a.gif', await base.clone().gif().toBuffer()), tracepass);
    const rgba = Buffer.alloc(24 * 16 * 4, 0x80); // ABGR for bmp-ts
    const bmp = await fitImage(
      dir.write('a.bmp', encodeBmp({ width: 24, height: 16, data: rgba, bitPP: 24 }).data),
      tracepass,
    );
    const bmpPixels = await sharp(bmp.path).raw().toBuffer();
    await bmp.cleanup();
    for (const estimate of [avif, gif, bmp])
      expect(estimate).toMatchObject({ type: 'jpeg', width: 24, height: 16 });
    expect(Math.abs((bmpPixels[0] ?? 0) - 0x80)).toBeLessThan(4);
  });

  it('recompresses a photo over the TracePass limit until it fits, without resizing when quality suffices', async () => {
    const photo = await makeImage('jpeg', { width: 2600, height: 2000, noise: true, quality: 98 });
    expect(photo.length).toBeGreaterThan(tracepass.maxBytes);
    const fitted = await estimateFit(dir.write('photo.jpg', photo), tracepass);
    expect(fitted.bytes).toBeLessThanOrEqual(tracepass.maxBytes);
    expect(fitted).toMatchObject({ type: 'jpeg', width: 2600, height: 2000, changes: ['recompressed'] });
  });

  it('scales down, never up, when quality alone cannot reach the limit', async () => {
    const photo = dir.write('big.png', await makeImage('png', { width: 600, height: 400, noise: true }));
    const fitted = await estimateFit(photo, { accept: ['jpeg'], maxBytes: 60_000 });
    expect(fitted.bytes).toBeLessThanOrEqual(60_000);
    expect(fitted.width).toBeLessThan(600);
    expect(fitted.changes).toEqual(['converted', 'resized']);
    const small = await estimateFit(
      dir.write('small.png', await makeImage('png', { width: 8, height: 6 })),
      tracepass,
    );
    expect(small).toMatchObject({ width: 8, height: 6, changes: ['converted'] });
  });

  it('refuses, saying what to do, what it cannot decode or bring under the limit', async () => {
    await expect(estimateFit(dir.write('x.txt', Buffer.from('hello')), shopee)).rejects.toThrow(FitError);
    const broken = (await makeImage('jpeg', { width: 200, height: 200 })).subarray(0, 300);
    await expect(estimateFit(dir.write('broken.jpg', broken), shopee)).rejects.toThrow(
      /could not be decoded.*export it again/,
    );
    const huge = Buffer.alloc(54);
    huge.write('BM', 0, 'latin1');
    huge.writeUInt32LE(40, 14);
    huge.writeInt32LE(20_000, 18);
    huge.writeInt32LE(20_000, 22);
    await expect(estimateFit(dir.write('huge.bmp', huge), shopee)).rejects.toThrow(
      /20000×20000 pixels.*120 megapixels/,
    );
    const noise = dir.write('n.png', await makeImage('png', { width: 200, height: 200, noise: true }));
    await expect(estimateFit(noise, { accept: ['jpeg'], maxBytes: 10 })).rejects.toThrow(
      /Crop or scale it down/,
    );
  });
});
