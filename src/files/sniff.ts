/** The types the upload tools send as they are. */
export type ImageType = 'jpeg' | 'png' | 'webp';

/** Every type recognised from the bytes; the others can only be sent after `fit` converts them. */
export type ImageFormat = ImageType | 'heic' | 'avif' | 'gif' | 'tiff' | 'bmp';

export const MIME: Record<ImageType, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

export const LABEL: Record<ImageType, string> = { jpeg: 'JPEG', png: 'PNG', webp: 'WebP' };

export const FORMAT_LABEL: Record<ImageFormat, string> = {
  ...LABEL,
  heic: 'HEIC/HEIF',
  avif: 'AVIF',
  gif: 'GIF',
  tiff: 'TIFF',
  bmp: 'BMP',
};

/** True for the types the upload tools send as they are. */
export const isImageType = (format: ImageFormat): format is ImageType => Object.hasOwn(MIME, format);

/** How many leading bytes `sniffImageType` needs. */
export const SNIFF_BYTES = 12;

/** How many leading bytes `sniffImageFormat` needs: HEIF brands may sit a few entries into `ftyp`. */
export const FORMAT_SNIFF_BYTES = 64;

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

function startsWith(head: Uint8Array, bytes: number[], at = 0): boolean {
  return bytes.every((byte, i) => head[at + i] === byte);
}

const ascii = (head: Uint8Array, at: number, length: number) =>
  String.fromCharCode(...head.subarray(at, at + length));

/** The image type from a file's first bytes; the name is never trusted. */
export function sniffImageType(head: Uint8Array): ImageType | undefined {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, PNG)) return 'png';
  // RIFF????WEBP: bytes 4–7 are the chunk size.
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8))
    return 'webp';
  return undefined;
}

/** The brands of an ISO-BMFF `ftyp` box (major first), as far as `head` holds them. */
function ftypBrands(head: Uint8Array): string[] {
  if (head.length < 12 || ascii(head, 4, 4) !== 'ftyp') return [];
  const boxEnd = Math.min(head.length, new DataView(head.buffer, head.byteOffset).getUint32(0));
  const brands = [ascii(head, 8, 4)];
  for (let at = 16; at + 4 <= boxEnd; at += 4) brands.push(ascii(head, at, 4));
  return brands;
}

function sniffHeif(head: Uint8Array): ImageFormat | undefined {
  const brands = ftypBrands(head);
  const major = brands[0];
  if (major === undefined) return undefined;
  if (AVIF_BRANDS.has(major)) return 'avif';
  // `mif1`/`msf1` are generic HEIF: the compatible brands tell AVIF from HEVC.
  if (HEIF_BRANDS.has(major))
    return brands.some((b) => AVIF_BRANDS.has(b)) && !isHevc(brands) ? 'avif' : 'heic';
  if (brands.some((b) => AVIF_BRANDS.has(b))) return 'avif';
  return brands.some((b) => HEIF_BRANDS.has(b)) ? 'heic' : undefined;
}

const isHevc = (brands: string[]) => brands.some((b) => b.startsWith('he'));

/** Every recognised image type from a file's first bytes (`FORMAT_SNIFF_BYTES` of them suffice). */
export function sniffImageFormat(head: Uint8Array): ImageFormat | undefined {
  const upload = sniffImageType(head);
  if (upload !== undefined) return upload;
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return 'gif';
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  // BM, then a DIB header whose size is one of the defined ones (12, 40, 52, 56, 64, 108, 124).
  if (ascii(head, 0, 2) === 'BM' && [12, 40, 52, 56, 64, 108, 124].includes(head[14] ?? 0) && head[15] === 0)
    return 'bmp';
  return sniffHeif(head);
}
