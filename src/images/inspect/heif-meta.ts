import { boxes, Cursor, type Box } from './heif-boxes.js';

/** What the `meta` box of a HEIF/AVIF file says about its primary image. */
export interface HeifMeta {
  width: number;
  height: number;
  /** Quarter turns counter-clockwise (`irot`) the decoder applies to the primary image. */
  rotation: number;
  /** File offset and length of the EXIF item, when there is one stored in the file. */
  exif?: { offset: number; length: number };
}

const child = (bytes: Uint8Array, parent: Box, type: string) =>
  boxes(bytes, parent.body, parent.end).find((box) => box.type === type);

/** The version of a full box, its 24 flag bits skipped. */
function fullBoxVersion(cursor: Cursor): { version: number; flags: number } {
  return { version: cursor.uint(1), flags: cursor.uint(3) };
}

function primaryItem(bytes: Uint8Array, meta: Box): number {
  const pitm = child(bytes, meta, 'pitm');
  if (!pitm) return 1;
  const cursor = new Cursor(bytes, pitm.body, pitm.end);
  return cursor.uint(fullBoxVersion(cursor).version === 0 ? 2 : 4);
}

function exifItem(bytes: Uint8Array, meta: Box): number | undefined {
  const iinf = child(bytes, meta, 'iinf');
  if (!iinf) return undefined;
  const version = bytes[iinf.body] ?? 0;
  for (const infe of boxes(bytes, iinf.body + (version === 0 ? 6 : 8), iinf.end)) {
    const cursor = new Cursor(bytes, infe.body, infe.end);
    const infeVersion = fullBoxVersion(cursor).version;
    if (infeVersion < 2) continue;
    const id = cursor.uint(infeVersion === 2 ? 2 : 4);
    cursor.uint(2);
    if (cursor.fourcc() === 'Exif') return id;
  }
  return undefined;
}

function itemLocation(
  bytes: Uint8Array,
  meta: Box,
  item: number,
): { offset: number; length: number } | undefined {
  const iloc = child(bytes, meta, 'iloc');
  if (!iloc) return undefined;
  const cursor = new Cursor(bytes, iloc.body, iloc.end);
  const { version } = fullBoxVersion(cursor);
  const sizes = cursor.uint(2);
  const [offsetSize, lengthSize, baseSize] = [sizes >> 12, (sizes >> 8) & 15, (sizes >> 4) & 15];
  const indexSize = version >= 1 ? sizes & 15 : 0;
  const count = cursor.uint(version < 2 ? 2 : 4);
  for (let i = 0; i < count; i += 1) {
    const id = cursor.uint(version < 2 ? 2 : 4);
    const method = version >= 1 ? cursor.uint(2) & 15 : 0;
    cursor.uint(2);
    const base = cursor.uint(baseSize);
    const extents = cursor.uint(2);
    const found: { offset: number; length: number }[] = [];
    for (let e = 0; e < extents; e += 1) {
      cursor.uint(indexSize);
      found.push({ offset: base + cursor.uint(offsetSize), length: cursor.uint(lengthSize) });
    }
    // Only one extent stored in the file itself (method 0) is read; others are left alone.
    if (id === item) return method === 0 && found.length === 1 ? found[0] : undefined;
  }
  return undefined;
}

function properties(bytes: Uint8Array, meta: Box, item: number): Box[] {
  const iprp = child(bytes, meta, 'iprp');
  const ipco = iprp && child(bytes, iprp, 'ipco');
  const ipma = iprp && child(bytes, iprp, 'ipma');
  if (!ipco || !ipma) return [];
  const all = boxes(bytes, ipco.body, ipco.end);
  const cursor = new Cursor(bytes, ipma.body, ipma.end);
  const { version, flags } = fullBoxVersion(cursor);
  const entries = cursor.uint(4);
  for (let i = 0; i < entries; i += 1) {
    const id = cursor.uint(version < 1 ? 2 : 4);
    const count = cursor.uint(1);
    const indices = Array.from({ length: count }, () =>
      flags & 1 ? cursor.uint(2) & 0x7fff : cursor.uint(1) & 0x7f,
    );
    if (id === item) return indices.flatMap((index) => (all[index - 1] ? [all[index - 1] as Box] : []));
  }
  return [];
}

/** Reads the primary image's size and turn, and where its EXIF is, from the bytes of a `meta` box. */
export function parseHeifMeta(bytes: Uint8Array): HeifMeta | undefined {
  const meta: Box = { type: 'meta', start: 0, body: 12, end: bytes.length };
  const primary = primaryItem(bytes, meta);
  const props = properties(bytes, meta, primary);
  const ispe = props.find((box) => box.type === 'ispe');
  if (!ispe) return undefined;
  const size = new Cursor(bytes, ispe.body + 4, ispe.end);
  const irot = props.find((box) => box.type === 'irot');
  const found: HeifMeta = {
    width: size.uint(4),
    height: size.uint(4),
    rotation: irot ? (bytes[irot.body] ?? 0) & 3 : 0,
  };
  const exif = exifItem(bytes, meta);
  const location = exif === undefined ? undefined : itemLocation(bytes, meta, exif);
  if (location) found.exif = location;
  return found;
}
