import { ensure } from '../refusal.js';
import type { ByteSource } from '../source.js';

export interface WebpChunk {
  fourcc: string;
  /** At the chunk's FourCC. */
  start: number;
  /** Just past its data and padding byte. */
  end: number;
}

export interface WebpLayout {
  chunks: WebpChunk[];
  /** Just past the RIFF payload (8 + the RIFF size); bytes after it are not part of the image. */
  end: number;
  width: number;
  height: number;
}

const MAX_CHUNKS = 100_000;
const u24 = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16);
const u14 = (b: Uint8Array, at: number) => ((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8)) & 0x3fff;

/** The canvas size from the first chunk: VP8X states it, VP8 and VP8L carry it in their bitstream header. */
async function readSize(source: ByteSource, first: WebpChunk): Promise<{ width: number; height: number }> {
  const data = await source.read(first.start + 8, 10);
  ensure(data.length === 10, 'webp', `its ${first.fourcc} chunk is too short`);
  if (first.fourcc === 'VP8X') return { width: u24(data, 4) + 1, height: u24(data, 7) + 1 };
  if (first.fourcc === 'VP8L') {
    ensure(data[0] === 0x2f, 'webp', 'its lossless bitstream has no valid signature');
    const bits = (data[1] ?? 0) | ((data[2] ?? 0) << 8) | ((data[3] ?? 0) << 16) | ((data[4] ?? 0) << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  ensure(
    first.fourcc === 'VP8 ',
    'webp',
    `its first chunk is ${JSON.stringify(first.fourcc)}, not VP8, VP8L or VP8X`,
  );
  ensure(
    data[3] === 0x9d && data[4] === 0x01 && data[5] === 0x2a,
    'webp',
    'its VP8 bitstream has no valid start code',
  );
  return { width: u14(data, 6), height: u14(data, 8) };
}

/** Walks the chunks of a WebP RIFF container, reading only their 8-byte headers. */
export async function scanWebp(source: ByteSource): Promise<WebpLayout> {
  const riff = await source.read(0, 12);
  const view = new DataView(riff.buffer, riff.byteOffset, riff.byteLength);
  const tag = (at: number) => String.fromCharCode(...riff.subarray(at, at + 4));
  ensure(riff.length === 12 && tag(0) === 'RIFF' && tag(8) === 'WEBP', 'webp', 'it has no RIFF/WEBP header');
  const end = 8 + view.getUint32(4, true);
  ensure(
    end <= source.size,
    'webp',
    `its RIFF header promises ${end} bytes but the file has ${source.size} (it looks truncated)`,
  );
  const chunks: WebpChunk[] = [];
  for (let at = 12; at < end;) {
    ensure(chunks.length < MAX_CHUNKS, 'webp', `it has more than ${MAX_CHUNKS} chunks`);
    const head = await source.read(at, 8);
    ensure(
      head.length === 8 && at + 8 <= end,
      'webp',
      `its chunk at byte ${at} runs past the end of the RIFF data`,
    );
    const size = new DataView(head.buffer, head.byteOffset, 8).getUint32(4, true);
    const chunkEnd = at + 8 + size + (size & 1);
    const fourcc = String.fromCharCode(...head.subarray(0, 4));
    ensure(
      chunkEnd <= end,
      'webp',
      `its ${JSON.stringify(fourcc)} chunk at byte ${at} runs past the end of the RIFF data`,
    );
    chunks.push({ fourcc, start: at, end: chunkEnd });
    at = chunkEnd;
  }
  const first = chunks[0];
  ensure(first !== undefined, 'webp', 'it holds no image chunk');
  return { chunks, end, ...(await readSize(source, first)) };
}
