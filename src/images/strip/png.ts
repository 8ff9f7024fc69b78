import { crc32 } from 'node:zlib';
import { exifBlock } from '../containers/exif-blocks.js';
import { scanPng, type PngChunk } from '../containers/png.js';
import { orientationOnlyExif } from '../exif.js';
import type { ByteSource } from '../source.js';
import { keepsTurn } from './orientation.js';
import { PlanBuilder, stripResult, type StripResult } from './plan.js';

const DROPPED = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

/** A whole PNG chunk: length, type, data and the CRC over type and data. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  chunk.set(
    Array.from(type, (c) => c.charCodeAt(0)),
    4,
  );
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  return chunk;
}

/** Drops text, time and EXIF chunks; an EXIF orientation that turns the image stays in a minimal eXIf. */
export async function stripPng(source: ByteSource): Promise<StripResult> {
  const { chunks } = await scanPng(source);
  const builder = new PlanBuilder();
  const removed: string[] = [];
  let kept = 0;
  let turned = false;
  const drop = async (chunk: PngChunk) => {
    builder.keep(kept, chunk.start);
    kept = chunk.end;
    removed.push(chunk.type);
    if (chunk.type !== 'eXIf' || turned) return;
    turned = true;
    const { orientation } = await exifBlock(source, chunk.start + 8, chunk.end - 4);
    if (keepsTurn(orientation)) builder.insert(pngChunk('eXIf', orientationOnlyExif(orientation)));
  };
  for (const chunk of chunks) if (DROPPED.has(chunk.type)) await drop(chunk);
  builder.keep(kept, source.size);
  return stripResult(builder.build(), removed, source.size);
}
