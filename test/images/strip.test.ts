import { readFileSync } from 'node:fs';
import { open, truncate } from 'node:fs/promises';
import { buffer } from 'node:stream/consumers';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { FileChangedError, planStrip, streamPlan } from '../../src/images/strip.js';
import { CONTAINERS, gpsOf, makeImage, pixels, scratch, stripFile } from './helpers.js';
import { jpegWith, pngWith } from './pad.js';

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

const XMP =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="SECRET"/></rdf:RDF></x:xmpmeta>';

/** Every kind of metadata the contract names, each carrying a word that must not survive. */
async function withEveryKind(type: (typeof CONTAINERS)[number]): Promise<{ image: Buffer; kinds: string[] }> {
  const image = await sharp(await makeImage(type, { gps: true, exif: true }))
    .keepExif()
    .withXmp(XMP)
    .toBuffer();
  if (type === 'webp') return { image, kinds: ['EXIF', 'XMP'] };
  if (type === 'jpeg') {
    const marked = jpegWith(image, [
      { marker: 0xfe, payload: 'SECRET comment' },
      { marker: 0xed, payload: 'Photoshop 3.0\0SECRET IPTC' },
    ]);
    return { image: marked, kinds: ['COM', 'APP13 IPTC', 'APP1 Exif', 'APP1 XMP'] };
  }
  const marked = pngWith(image, [
    { type: 'tEXt', data: 'Author\0SECRET' },
    { type: 'zTXt', data: 'Comment\0\0x\x9c\x0b\x76\x75\x0e\x72\x0d\x01\x00\x07\x1c\x01\xef' },
    { type: 'tIME', data: '\x07\xea\x01\x02\x03\x04\x05' },
    { type: 'iTXt', data: 'Title\0\0\0\0\0SECRET title' },
  ]);
  // libvips stores XMP in PNG as a compressed text chunk: the last zTXt.
  return { image: marked, kinds: ['tEXt', 'zTXt', 'tIME', 'iTXt', 'eXIf', 'zTXt'] };
}

describe.each(CONTAINERS)('every metadata kind in a %s', (type) => {
  it('is removed, naming what went, and nothing of it survives', async () => {
    const { image, kinds } = await withEveryKind(type);
    expect(image.toString('latin1')).toContain('SECRET');
    const { result, bytes } = await stripFile(dir.write(`every.${type}`, image));
    expect(result.removed).toEqual(kinds);
    for (const word of ['SECRET', 'PhoneMaker', 'Jane Doe'])
      expect(bytes.toString('latin1')).not.toContain(word);
    expect(await pixels(bytes)).toEqual(await pixels(image));
  });
});

describe('streaming a plan', () => {
  it('fails, rather than sending a short body, when the file shrank after planning', async () => {
    const path = dir.write(
      'shrinks.jpg',
      await makeImage('jpeg', { width: 300, height: 200, noise: true, gps: true }),
    );
    const handle = await open(path);
    try {
      const { size } = await handle.stat();
      const { plan } = await planStrip(handle, size, 'jpeg');
      await truncate(path, 1000);
      await expect(buffer(streamPlan(handle, plan))).rejects.toThrow(FileChangedError);
    } finally {
      await handle.close();
    }
  });
});
