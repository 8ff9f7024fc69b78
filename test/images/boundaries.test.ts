import { afterAll, describe, expect, it } from 'vitest';
import { estimateFit } from '../../src/images/fit.js';
import { fitsAsIs, needsFit, PLATFORM_TARGETS } from '../../src/images/fits.js';
import { gpsOf, makeImage, pixels, scratch, stripFile, type Container } from './helpers.js';
import { padJpeg, padPng, padWebp } from './pad.js';

const dir = scratch();
afterAll(() => dir.cleanup());

const COM = 0xfe;
const APP5 = 0xe5;

/** Grows an image with metadata that stripping removes. */
function withStrippable(type: Container, image: Buffer, total: number): Buffer {
  if (type === 'jpeg') return padJpeg(image, total, COM);
  return type === 'png' ? padPng(image, total, 'tEXt') : padWebp(image, total);
}

// Which platform takes each container as it is: Shopee never takes WebP, whatever its size.
const CASES: { type: Container; platform: 'shopee' | 'tracepass' }[] = [
  { type: 'jpeg', platform: 'shopee' },
  { type: 'jpeg', platform: 'tracepass' },
  { type: 'png', platform: 'shopee' },
  { type: 'png', platform: 'tracepass' },
  { type: 'webp', platform: 'tracepass' },
];

describe.each(CASES)('a $type for $platform', ({ type, platform }) => {
  const target = PLATFORM_TARGETS[platform];
  // RIFF chunks are even-sized, so the smallest WebP over the limit is 2 bytes over.
  const over = target.maxBytes + (type === 'webp' ? 2 : 1);

  it('over the limit only by its metadata fits once stripped, with the same pixels and no GPS', async () => {
    const image = await makeImage(type, { gps: true, exif: true, icc: true, orientation: 3 });
    const original = withStrippable(type, image, over);
    expect(original.length).toBe(over);
    expect(fitsAsIs({ type }, original.length)[platform]).toBe(false);

    const { result, bytes } = await stripFile(dir.write(`over-${platform}.${type}`, original));
    // The padding goes with the rest of the metadata: the same bytes as stripping the unpadded image.
    const { bytes: unpadded } = await stripFile(dir.write(`unpadded-${platform}.${type}`, image));
    expect(bytes.equals(unpadded)).toBe(true);
    expect(bytes.length).toBe(result.plan.bytes);
    expect(bytes.length).toBeLessThanOrEqual(target.maxBytes);
    expect(fitsAsIs({ type }, bytes.length)[platform]).toBe(true);
    expect(needsFit({ type }, bytes.length, target)).toBe(false);
    expect(await gpsOf(original)).toBeDefined();
    expect(await gpsOf(bytes)).toBeUndefined();
    expect(await pixels(bytes)).toEqual(await pixels(original));
  });

  it('at exactly the limit with nothing to strip is sent as it is', async () => {
    const image = await makeImage(type, { icc: true }); // ICC makes libvips write an extended WebP
    const grown =
      type === 'jpeg'
        ? padJpeg(image, target.maxBytes, APP5)
        : type === 'png'
          ? padPng(image, target.maxBytes, 'prVt')
          : padWebp(image, target.maxBytes, 'JUNK');
    const { result } = await stripFile(dir.write(`exact-${platform}.${type}`, grown));
    expect(result).toMatchObject({ changed: false, plan: { bytes: target.maxBytes } });
    expect(fitsAsIs({ type }, result.plan.bytes)[platform]).toBe(true);
    expect(await pixels(grown)).toEqual(await pixels(image));
  });
});

describe.each(['shopee', 'tracepass'] as const)(
  'one byte over the %s limit with nothing to strip',
  (platform) => {
    const target = PLATFORM_TARGETS[platform];

    it('needs fit, and fit re-encodes it under the limit', async () => {
      const image = await makeImage('jpeg', { width: 200, height: 150 });
      const grown = padJpeg(image, target.maxBytes + 1, APP5);
      const path = dir.write(`kept-${platform}.jpg`, grown);
      const { result } = await stripFile(path);
      expect(result.plan.bytes).toBe(target.maxBytes + 1);
      expect(needsFit({ type: 'jpeg' }, result.plan.bytes, target)).toBe(true);
      const fitted = await estimateFit(path, target);
      expect(fitted.bytes).toBeLessThanOrEqual(target.maxBytes);
      expect(fitted).toMatchObject({ type: 'jpeg', width: 200, height: 150, changes: ['recompressed'] });
    });
  },
);

describe('fitsAsIs', () => {
  it('takes exactly each limit and refuses one byte more, by type', () => {
    const { shopee, tracepass } = PLATFORM_TARGETS;
    expect(shopee.maxBytes).toBe(10_485_760);
    expect(tracepass.maxBytes).toBe(5_242_880);
    expect(fitsAsIs({ type: 'jpeg' }, 5_242_880)).toEqual({ shopee: true, tracepass: true });
    expect(fitsAsIs({ type: 'png' }, 5_242_881)).toEqual({ shopee: true, tracepass: false });
    expect(fitsAsIs({ type: 'png' }, 10_485_760)).toEqual({ shopee: true, tracepass: false });
    expect(fitsAsIs({ type: 'jpeg' }, 10_485_761)).toEqual({ shopee: false, tracepass: false });
    expect(fitsAsIs({ type: 'webp' }, 5_242_880)).toEqual({ shopee: false, tracepass: true });
    expect(fitsAsIs({ type: 'webp' }, 5_242_881)).toEqual({ shopee: false, tracepass: false });
    expect(fitsAsIs({ type: 'heic' }, 100)).toEqual({ shopee: false, tracepass: false });
    expect(fitsAsIs({ type: 'gif' }, 100)).toEqual({ shopee: false, tracepass: false });
  });
});
