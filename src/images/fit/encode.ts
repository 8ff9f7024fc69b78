import sharp from 'sharp';
import type { Decodable } from './decode.js';

export type OutputType = 'jpeg' | 'png';

/** One encoding of the image: its type, JPEG quality, and the width to scale to (never up). */
export interface Attempt {
  type: OutputType;
  quality: number;
  width: number;
}

export interface Encoded {
  attempt: Attempt;
  data: Buffer;
  width: number;
  height: number;
}

/**
 * Turns the pixels upright, drops every metadata block but the ICC profile, scales down to
 * `attempt.width` and encodes. Same image and attempt, same bytes: libvips encoders are deterministic.
 */
export async function encode(image: Decodable, attempt: Attempt): Promise<Encoded> {
  let pipeline = sharp(image.input, image.options).autoOrient().keepIccProfile();
  if (!image.transparent) pipeline = pipeline.removeAlpha();
  else if (attempt.type === 'jpeg') pipeline = pipeline.flatten({ background: '#ffffff' });
  if (attempt.width < image.width)
    pipeline = pipeline.resize({ width: attempt.width, withoutEnlargement: true });
  pipeline =
    attempt.type === 'jpeg'
      ? pipeline.jpeg({ quality: attempt.quality, chromaSubsampling: '4:2:0' })
      : pipeline.png({ compressionLevel: 9, adaptiveFiltering: true });
  const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
  return { attempt, data, width: info.width, height: info.height };
}
