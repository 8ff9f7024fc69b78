import { exifBlock } from '../containers/exif-blocks.js';
import { scanWebp, type WebpChunk } from '../containers/webp.js';
import { orientationOnlyExif } from '../exif.js';
import type { ByteSource } from '../source.js';
import { keepsTurn } from './orientation.js';
import { PlanBuilder, stripResult, type StripResult } from './plan.js';

const DROPPED = new Set(['EXIF', 'XMP ']);
const FLAG = { exif: 0x08, xmp: 0x04 };

function riffChunk(fourcc: string, data: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(8 + data.length + (data.length & 1));
  chunk.set(Array.from(fourcc, (c) => c.charCodeAt(0)));
  new DataView(chunk.buffer).setUint32(4, data.length, true);
  chunk.set(data, 8);
  return chunk;
}

function riffHeader(payloadBytes: number): Uint8Array {
  const header = Uint8Array.from('RIFF....WEBP', (c) => c.charCodeAt(0));
  new DataView(header.buffer).setUint32(4, payloadBytes, true);
  return header;
}

/** The VP8X chunk with its EXIF and XMP flags saying what the stripped file still holds. */
async function vp8xChunk(source: ByteSource, vp8x: WebpChunk, exifKept: boolean): Promise<Uint8Array> {
  const data = Uint8Array.from(await source.read(vp8x.start + 8, 10));
  data[0] = ((data[0] ?? 0) & ~(FLAG.exif | FLAG.xmp)) | (exifKept ? FLAG.exif : 0);
  return riffChunk('VP8X', data);
}

/**
 * Drops EXIF and XMP chunks and rewrites what depends on them: the RIFF size and the VP8X flags. An
 * EXIF orientation that turns the image stays in a minimal EXIF chunk.
 */
export async function stripWebp(source: ByteSource): Promise<StripResult> {
  const { chunks, end } = await scanWebp(source);
  const body: (WebpChunk | Uint8Array)[] = [];
  const removed: string[] = [];
  let exifKept = false;
  for (const chunk of chunks) {
    if (!DROPPED.has(chunk.fourcc)) {
      body.push(chunk);
      continue;
    }
    removed.push(chunk.fourcc.trim());
    // Decoders take the first EXIF chunk; later ones only go.
    if (chunk.fourcc !== 'EXIF' || removed.filter((name) => name === 'EXIF').length > 1) continue;
    const { orientation } = await exifBlock(source, chunk.start + 8, chunk.end);
    if (keepsTurn(orientation)) {
      body.push(riffChunk('EXIF', orientationOnlyExif(orientation)));
      exifKept = true;
    }
  }
  if (removed.length === 0) return stripResult(new PlanBuilder().build(), removed, source.size);

  const first = chunks[0];
  if (first?.fourcc === 'VP8X') body[0] = await vp8xChunk(source, first, exifKept);
  const length = (piece: WebpChunk | Uint8Array) =>
    piece instanceof Uint8Array ? piece.length : piece.end - piece.start;
  const builder = new PlanBuilder().insert(
    riffHeader(4 + body.reduce((sum, piece) => sum + length(piece), 0)),
  );
  for (const piece of body) {
    if (piece instanceof Uint8Array) builder.insert(piece);
    else builder.keep(piece.start, piece.end);
  }
  // Bytes after the RIFF data are no part of the image; they are kept as they were.
  builder.keep(end, source.size);
  return stripResult(builder.build(), removed, source.size);
}
