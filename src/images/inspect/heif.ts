import type { ImageFormat } from '../../files/sniff.js';
import { readExif } from '../exif.js';
import { ensure } from '../refusal.js';
import { sliceSource, type ByteSource } from '../source.js';
import type { ImageInfo } from '../types.js';
import { parseHeifMeta } from './heif-meta.js';

// A `meta` box holds item tables, not pixels: phones write a few kilobytes.
const MAX_META_BYTES = 4 * 1024 * 1024;
const MAX_TOP_BOXES = 1000;

async function findMeta(source: ByteSource, type: ImageFormat): Promise<Uint8Array | undefined> {
  for (let at = 0, count = 0; at + 8 <= source.size && count < MAX_TOP_BOXES; count += 1) {
    const head = await source.read(at, 16);
    const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
    let size = view.getUint32(0);
    if (size === 1 && head.length === 16) size = Number(view.getBigUint64(8));
    else if (size === 0) size = source.size - at;
    ensure(
      size >= 8 && at + size <= source.size,
      type,
      `its box at byte ${at} runs past the end of the file`,
    );
    if (String.fromCharCode(...head.subarray(4, 8)) === 'meta') {
      ensure(size <= MAX_META_BYTES, type, `its meta box is ${size} bytes, more than an image header holds`);
      return source.read(at, size);
    }
    at += size;
  }
  return undefined;
}

/** Size, turn and GPS presence of a HEIC/HEIF or AVIF image from its `meta` box and EXIF item. */
export async function inspectHeif(source: ByteSource, type: ImageFormat): Promise<ImageInfo> {
  const meta = await findMeta(source, type);
  ensure(meta !== undefined, type, 'it has no meta box among its first boxes');
  let parsed: ReturnType<typeof parseHeifMeta>;
  try {
    parsed = parseHeifMeta(meta);
  } catch {
    parsed = undefined;
  }
  ensure(parsed !== undefined, type, 'its meta box does not describe a primary image');
  const turned = parsed.rotation % 2 === 1;
  const info: ImageInfo = {
    type,
    width: turned ? parsed.height : parsed.width,
    height: turned ? parsed.width : parsed.height,
    hasLocation: false,
  };
  if (parsed.exif && parsed.exif.length > 4) {
    const { offset, length } = parsed.exif;
    const prefix = await source.read(offset, 4);
    const skip = prefix.length === 4 ? new DataView(prefix.buffer, prefix.byteOffset).getUint32(0) : length;
    info.hasLocation = (await readExif(sliceSource(source, offset + 4 + skip, offset + length))).hasLocation;
  }
  return info;
}
