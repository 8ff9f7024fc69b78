import { readExif } from '../exif.js';
import { ensure } from '../refusal.js';
import type { ByteSource } from '../source.js';
import type { ImageInfo } from '../types.js';

/** GIF: the logical screen size in the header; GIF has no place for a location. */
export async function inspectGif(source: ByteSource): Promise<ImageInfo> {
  const head = await source.read(6, 4);
  ensure(head.length === 4, 'gif', 'it ends inside its header');
  const view = new DataView(head.buffer, head.byteOffset, 4);
  return { type: 'gif', width: view.getUint16(0, true), height: view.getUint16(2, true), hasLocation: false };
}

/** BMP: the size in the DIB header (negative height: stored top-down). */
export async function inspectBmp(source: ByteSource): Promise<ImageInfo> {
  const head = await source.read(14, 12);
  ensure(head.length === 12, 'bmp', 'it ends inside its header');
  const view = new DataView(head.buffer, head.byteOffset, 12);
  const core = view.getUint32(0, true) === 12;
  const width = core ? view.getUint16(4, true) : Math.abs(view.getInt32(4, true));
  const height = core ? view.getUint16(6, true) : Math.abs(view.getInt32(8, true));
  return { type: 'bmp', width, height, hasLocation: false };
}

/** TIFF: the file is itself the structure EXIF borrows, so IFD0 holds size, orientation and GPS. */
export async function inspectTiff(source: ByteSource): Promise<ImageInfo> {
  const facts = await readExif(source);
  ensure(
    facts.width !== undefined && facts.height !== undefined,
    'tiff',
    'its first image directory has no size',
  );
  const info: ImageInfo = {
    type: 'tiff',
    width: facts.width,
    height: facts.height,
    hasLocation: facts.hasLocation,
  };
  if (facts.orientation !== undefined) info.orientation = facts.orientation;
  return info;
}
