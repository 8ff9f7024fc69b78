import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { isImageType, sniffImageFormat, sniffImageType } from '../../src/files/sniff.js';
import { HEIC_FIXTURE } from './helpers.js';

/** An ftyp box with a major brand and compatible brands, as HEIF, AVIF and MP4 files start. */
function ftyp(major: string, ...compatible: string[]): Buffer {
  const box = Buffer.alloc(16 + 4 * compatible.length);
  box.writeUInt32BE(box.length, 0);
  box.write(`ftyp${major}`, 4, 'latin1');
  compatible.forEach((brand, i) => box.write(brand, 16 + 4 * i, 'latin1'));
  return box;
}

describe('sniffImageFormat', () => {
  it('recognises every type fit reads from bytes libvips and libheif write', async () => {
    const base = sharp({ create: { width: 4, height: 4, channels: 3, background: '#123456' } });
    expect(sniffImageFormat(await base.clone().gif().toBuffer())).toBe('gif');
    expect(sniffImageFormat(await base.clone().tiff().toBuffer())).toBe('tiff');
    expect(sniffImageFormat(await base.clone().avif({ effort: 0 }).toBuffer())).toBe('avif');
    expect(sniffImageFormat(readFileSync(HEIC_FIXTURE))).toBe('heic');
    expect(sniffImageFormat(await base.clone().jpeg().toBuffer())).toBe('jpeg');
    expect(sniffImageFormat(Buffer.from('MM\0*\0\0\0\x08', 'latin1'))).toBe('tiff');
    const bmp = Buffer.alloc(30);
    bmp.write('BM', 0, 'latin1');
    bmp.writeUInt32LE(40, 14);
    expect(sniffImageFormat(bmp)).toBe('bmp');
  });

  it('tells AVIF from HEIC by the ftyp brands, and refuses other ISO files', () => {
    expect(sniffImageFormat(ftyp('mif1', 'mif1', 'avif'))).toBe('avif');
    expect(sniffImageFormat(ftyp('mif1', 'mif1', 'heic'))).toBe('heic');
    expect(sniffImageFormat(ftyp('heix', 'mif1'))).toBe('heic');
    expect(sniffImageFormat(ftyp('isom', 'iso2', 'mp41'))).toBeUndefined();
    expect(sniffImageFormat(Buffer.from('BMxxxxxxxxxxxx\x63\0', 'latin1'))).toBeUndefined(); // no such DIB header size
    expect(sniffImageFormat(Buffer.from('GIF90a'))).toBeUndefined();
  });

  it('leaves sniffImageType answering only the upload types', () => {
    expect(sniffImageType(Buffer.from('GIF89a'))).toBeUndefined();
    expect(sniffImageType(readFileSync(HEIC_FIXTURE))).toBeUndefined();
    expect(['jpeg', 'png', 'webp', 'heic', 'gif'].map((t) => isImageType(t as never))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});
