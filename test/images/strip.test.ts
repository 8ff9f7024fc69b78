import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTAINERS, gpsOf, makeImage, pixels, scratch, stripFile } from './helpers.js';

const dir = scratch();
afterAll(() => dir.cleanup());

describe.each(CONTAINERS)('stripping a %s', (type) => {
  it('removes GPS and camera EXIF but decodes to the same pixels, turned the same way, with its ICC profile', async () => {
    const original = await makeImage(type, { gps: true, exif: true, orientation: 6, icc: true });
    expect(await gpsOf(original)).toEqual({ latitude: 51.5, longitude: expect.closeTo(0.1167, 3) });
    const { result, bytes } = await stripFile(dir.write(`turned.${type}`, original));

    expect(result.changes).toEqual(['metadata_removed']);
    expect(result.removed).toContain(type === 'jpeg' ? 'APP1 Exif' : type === 'png' ? 'eXIf' : 'EXIF');
    expect(bytes.length).toBe(result.plan.bytes);
    expect(bytes.length).toBeLessThan(original.length);
    expect(await gpsOf(bytes)).toBeUndefined();
    const before = await sharp(original).metadata();
    const after = await sharp(bytes).metadata();
    expect(after.orientation).toBe(6);
    expect(after.icc).toEqual(before.icc);
    expect(after.icc?.length).toBeGreaterThan(0);
    expect(await pixels(bytes)).toEqual(await pixels(original));
    expect((await pixels(bytes)).width).toBe(48); // turned a quarter: 64×48 stored, 48×64 shown
  });

  it('leaves no EXIF at all when the orientation is upright', async () => {
    const original = await makeImage(type, { gps: true, exif: true });
    const { result, bytes } = await stripFile(dir.write(`upright.${type}`, original));
    expect(result.changed).toBe(true);
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();
    expect(await pixels(bytes)).toEqual(await pixels(original));
  });

  it('sends a file without metadata byte for byte', async () => {
    const original = await makeImage(type);
    const path = dir.write(`plain.${type}`, original);
    const { result, bytes } = await stripFile(path);
    expect(result).toMatchObject({ changed: false, changes: [], removed: [] });
    expect(result.plan.pieces).toEqual([{ kind: 'file', start: 0, end: original.length }]);
    expect(bytes.equals(readFileSync(path))).toBe(true);
  });
});
