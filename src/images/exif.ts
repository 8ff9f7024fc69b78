import type { ByteSource } from './source.js';

/** What the upload tools need from a TIFF structure (EXIF, or a TIFF file itself). */
export interface ExifFacts {
  /** 1–8 as EXIF defines it; absent when the tag is missing or out of range. */
  orientation?: number;
  /** The GPS IFD is present and holds a latitude and a longitude. */
  hasLocation: boolean;
  width?: number;
  height?: number;
}

const TAG = { width: 0x0100, height: 0x0101, orientation: 0x0112, gps: 0x8825, latitude: 2, longitude: 4 };
const SHORT = 3;
const LONG = 4;
// Real IFDs hold tens of entries; a corrupt count must not turn one read into megabytes.
const MAX_ENTRIES = 1024;

interface Entry {
  tag: number;
  type: number;
  count: number;
  value: number;
}

async function readIfd(source: ByteSource, base: number, offset: number, little: boolean): Promise<Entry[]> {
  const at = base + offset;
  const head = await source.read(at, 2);
  if (head.length < 2 || offset < 8) return [];
  const count = Math.min(new DataView(head.buffer, head.byteOffset).getUint16(0, little), MAX_ENTRIES);
  const bytes = await source.read(at + 2, count * 12);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries: Entry[] = [];
  for (let i = 0; i + 12 <= bytes.length; i += 12) {
    const type = view.getUint16(i + 2, little);
    // A SHORT value sits in the first two bytes of the value field, whatever the byte order.
    const value = type === SHORT ? view.getUint16(i + 8, little) : view.getUint32(i + 8, little);
    entries.push({ tag: view.getUint16(i, little), type, count: view.getUint32(i + 4, little), value });
  }
  return entries;
}

const sized = (entry: Entry | undefined) =>
  entry && (entry.type === SHORT || entry.type === LONG) && entry.count === 1 ? entry.value : undefined;

/**
 * Reads IFD0 (and the GPS IFD it points to) of the TIFF structure starting at `base`. A damaged
 * structure yields what could be read; decoders that meet it fall back the same way.
 */
export async function readExif(source: ByteSource, base = 0): Promise<ExifFacts> {
  const header = await source.read(base, 8);
  if (header.length < 8) return { hasLocation: false };
  const order = String.fromCharCode(header[0] ?? 0, header[1] ?? 0);
  if (order !== 'II' && order !== 'MM') return { hasLocation: false };
  const little = order === 'II';
  const view = new DataView(header.buffer, header.byteOffset, 8);
  if (view.getUint16(2, little) !== 42) return { hasLocation: false };
  const ifd0 = await readIfd(source, base, view.getUint32(4, little), little);
  const find = (entries: Entry[], tag: number) => entries.find((entry) => entry.tag === tag);

  const orientation = sized(find(ifd0, TAG.orientation));
  const gpsPointer = find(ifd0, TAG.gps);
  const gps = gpsPointer ? await readIfd(source, base, gpsPointer.value, little) : [];
  const facts: ExifFacts = {
    hasLocation: find(gps, TAG.latitude) !== undefined && find(gps, TAG.longitude) !== undefined,
  };
  if (orientation !== undefined && orientation >= 1 && orientation <= 8) facts.orientation = orientation;
  const width = sized(find(ifd0, TAG.width));
  const height = sized(find(ifd0, TAG.height));
  if (width !== undefined && height !== undefined) Object.assign(facts, { width, height });
  return facts;
}

/** A big-endian TIFF structure holding one tag, Orientation: all a decoder needs to turn the image. */
export function orientationOnlyExif(orientation: number): Uint8Array {
  const bytes = new Uint8Array(26);
  const view = new DataView(bytes.buffer);
  bytes.set([0x4d, 0x4d, 0x00, 0x2a]);
  view.setUint32(4, 8);
  view.setUint16(8, 1);
  view.setUint16(10, TAG.orientation);
  view.setUint16(12, SHORT);
  view.setUint32(14, 1);
  view.setUint16(18, orientation);
  // Bytes 22–25 stay zero: no next IFD.
  return bytes;
}
