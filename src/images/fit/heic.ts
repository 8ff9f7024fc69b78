import { createRequire } from 'node:module';

/** RGBA pixels, 4 bytes each, turned as the HEIF says (libheif applies irot/imir while decoding). */
export interface HeicPixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

type Decode = (input: { buffer: Uint8Array }) => Promise<HeicPixels>;

let decoder: Decode | undefined;

/**
 * Decodes the primary image of a HEIC/HEIF with heic-decode (libheif compiled to wasm; sharp's
 * prebuilt libvips has no HEVC decoder). Loaded on first use: the wasm costs ~9 MB and start-up time.
 */
export function decodeHeicPixels(file: Uint8Array): Promise<HeicPixels> {
  // heic-decode is CommonJS and ships no types; require gives the one function it exports.
  decoder ??= createRequire(import.meta.url)('heic-decode') as Decode;
  return decoder({ buffer: file });
}
