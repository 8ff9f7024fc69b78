import { describe, expect, it } from 'vitest';
import { sniffImageType } from '../../src/files/sniff.js';
import { makeJpeg, makePng, makeWebp } from '../../src/samples/images.js';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('sniffImageType', () => {
  it('recognises JPEG, PNG and WebP by their first bytes', () => {
    expect(sniffImageType(makeJpeg())).toBe('jpeg');
    expect(sniffImageType(makePng())).toBe('png');
    expect(sniffImageType(makeWebp())).toBe('webp');
    expect(sniffImageType(bytes(0xff, 0xd8, 0xff))).toBe('jpeg');
  });

  it('refuses near misses of each signature', () => {
    expect(sniffImageType(bytes(0xff, 0xd8, 0xfe))).toBeUndefined();
    expect(sniffImageType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0b))).toBeUndefined();
    // RIFF but WAVE, not WEBP
    expect(sniffImageType(Buffer.from('RIFF\x10\x00\x00\x00WAVE', 'latin1'))).toBeUndefined();
    expect(sniffImageType(Buffer.from('GIF89a'))).toBeUndefined();
    expect(sniffImageType(Buffer.from('not an image at all'))).toBeUndefined();
    expect(sniffImageType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a))).toBeUndefined(); // truncated PNG signature
    expect(sniffImageType(bytes())).toBeUndefined();
  });
});
