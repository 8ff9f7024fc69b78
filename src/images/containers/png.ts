import { ensure } from '../refusal.js';
import type { ByteSource } from '../source.js';

export interface PngChunk {
  type: string;
  /** At the chunk's length field. */
  start: number;
  /** Just past its CRC. */
  end: number;
}

export interface PngLayout {
  chunks: PngChunk[];
  /** Just past IEND; bytes after it (if any) are not part of the image. */
  end: number;
  width: number;
  height: number;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const MAX_CHUNKS = 100_000;
const MAX_LENGTH = 0x7fffffff;
const isChunkType = (type: string) => /^[A-Za-z]{4}$/.test(type);

/** Walks a PNG's chunks from header to header (8 bytes each), never reading their data but IHDR's. */
export async function scanPng(source: ByteSource): Promise<PngLayout> {
  const signature = await source.read(0, 8);
  ensure(
    SIGNATURE.every((byte, i) => signature[i] === byte),
    'png',
    'it does not start with the PNG signature',
  );
  const chunks: PngChunk[] = [];
  let size = { width: 0, height: 0 };
  for (let at = 8; ;) {
    ensure(chunks.length < MAX_CHUNKS, 'png', `it has more than ${MAX_CHUNKS} chunks`);
    const head = await source.read(at, 8);
    ensure(
      head.length === 8,
      'png',
      `it ends at byte ${source.size} without an IEND chunk (it looks truncated)`,
    );
    const view = new DataView(head.buffer, head.byteOffset, 8);
    const length = view.getUint32(0);
    const type = String.fromCharCode(...head.subarray(4, 8));
    ensure(isChunkType(type), 'png', `byte ${at} should start a chunk but holds no chunk type`);
    const end = at + 12 + length;
    ensure(
      length <= MAX_LENGTH && end <= source.size,
      'png',
      `its ${type} chunk at byte ${at} runs past the end of the file`,
    );
    if (chunks.length === 0) {
      ensure(type === 'IHDR' && length === 13, 'png', 'its first chunk is not a valid IHDR header');
      const ihdr = await source.read(at + 8, 8);
      const data = new DataView(ihdr.buffer, ihdr.byteOffset, ihdr.byteLength);
      size = { width: data.getUint32(0), height: data.getUint32(4) };
    }
    chunks.push({ type, start: at, end });
    if (type === 'IEND') return { chunks, end, ...size };
    at = end;
  }
}
