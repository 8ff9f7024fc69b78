import { crc32 } from 'node:zlib';

/** Test images grown to an exact size with segments or chunks of a chosen kind. */

const JPEG_SEGMENT_MAX = 65_537; // marker (2) + length field covering at most 65,535 bytes

/** Inserts JPEG segments with `marker` (COM 0xFE is stripped, APP5 0xE5 is kept) after SOI up to `total` bytes. */
export function padJpeg(jpeg: Buffer, total: number, marker: number): Buffer {
  let remaining = total - jpeg.length;
  if (remaining < 4 && remaining !== 0) throw new Error(`cannot add ${remaining} bytes as segments`);
  const segments: Buffer[] = [];
  while (remaining > 0) {
    let size = Math.min(JPEG_SEGMENT_MAX, remaining);
    if (remaining - size > 0 && remaining - size < 4) size -= 4;
    const segment = Buffer.alloc(size, 0x20);
    segment.writeUInt8(0xff, 0);
    segment.writeUInt8(marker, 1);
    segment.writeUInt16BE(size - 2, 2);
    segments.push(segment);
    remaining -= size;
  }
  return Buffer.concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2)]);
}

/** Inserts one PNG chunk of `type` after IHDR so the file is `total` bytes with a valid CRC. */
export function padPng(png: Buffer, total: number, type = 'tEXt'): Buffer {
  const length = total - png.length - 12;
  const chunk = Buffer.alloc(12 + length, 0x61);
  chunk.writeUInt32BE(length, 0);
  chunk.write(type, 4, 'latin1');
  chunk.write('Comment\0', 8, 'latin1');
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + length)), 8 + length);
  return Buffer.concat([png.subarray(0, 33), chunk, png.subarray(33)]);
}

/**
 * Appends a chunk (`XMP `, or an unknown one that readers skip) to an extended (VP8X) WebP so the
 * file is `total` bytes (even, as RIFF requires).
 */
export function padWebp(webp: Buffer, total: number, fourcc = 'XMP '): Buffer {
  const length = total - webp.length - 8;
  if (length < 0 || length % 2 !== 0) throw new Error('a WebP grows by an even number of bytes');
  if (webp.toString('latin1', 12, 16) !== 'VP8X') throw new Error('only an extended WebP has room for XMP');
  const chunk = Buffer.alloc(8 + length, 0x20);
  chunk.write(fourcc, 0, 'latin1');
  chunk.writeUInt32LE(length, 4);
  const padded = Buffer.concat([webp, chunk]);
  padded.writeUInt32LE(padded.length - 8, 4);
  if (fourcc === 'XMP ') padded.writeUInt8((padded[20] ?? 0) | 0x04, 20); // the VP8X XMP flag
  return padded;
}

/** Inserts JPEG segments right after SOI, each a marker and its payload. */
export function jpegWith(jpeg: Buffer, segments: { marker: number; payload: string }[]): Buffer {
  const made = segments.map(({ marker, payload }) => {
    const body = Buffer.from(payload, 'latin1');
    const head = Buffer.from([0xff, marker, 0, 0]);
    head.writeUInt16BE(body.length + 2, 2);
    return Buffer.concat([head, body]);
  });
  return Buffer.concat([jpeg.subarray(0, 2), ...made, jpeg.subarray(2)]);
}

/** Inserts PNG chunks (with valid CRCs) right after IHDR. */
export function pngWith(png: Buffer, chunks: { type: string; data: string }[]): Buffer {
  const made = chunks.map(({ type, data }) => {
    const body = Buffer.from(data, 'latin1');
    const chunk = Buffer.alloc(12 + body.length);
    chunk.writeUInt32BE(body.length, 0);
    chunk.write(type, 4, 'latin1');
    body.copy(chunk, 8);
    chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + body.length)), 8 + body.length);
    return chunk;
  });
  return Buffer.concat([png.subarray(0, 33), ...made, png.subarray(33)]);
}
