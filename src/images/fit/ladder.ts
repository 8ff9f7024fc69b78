import type { Decodable } from './decode.js';
import { encode, type Attempt, type Encoded, type OutputType } from './encode.js';
import { FitError } from './error.js';

/** Qualities tried at full size before scaling down. */
export const QUALITY_LADDER = [90, 80, 70];
/** Quality of scaled-down attempts: a smaller image at good quality beats a blocky big one. */
const SCALED_QUALITY = 80;
export const MAX_ENCODES = 8;
// Past this multiple of the limit, lowering the quality alone will not do: scale down at once.
// From 90 to 70, camera-like JPEGs lose about half their bytes.
const LADDER_REACH = 2;
// Aim a little under the limit: encoded size is not exactly proportional to the pixel count.
const SCALE_MARGIN = 0.9;
const MIN_WIDTH = 16;

/** The width that should bring `bytes` down to `maxBytes`, from bytes ∝ pixels ∝ width². */
function smallerWidth(width: number, bytes: number, maxBytes: number): number {
  const ratio = Math.min(0.9, Math.sqrt(maxBytes / bytes) * SCALE_MARGIN);
  return Math.max(MIN_WIDTH, Math.floor(width * ratio));
}

/** The attempts at full size: a quality ladder for JPEG; PNG is lossless, so only one. */
const fullSize = (type: OutputType, width: number): Attempt[] =>
  type === 'png'
    ? [{ type, quality: 100, width }]
    : QUALITY_LADDER.map((quality) => ({ type, quality, width }));

/**
 * Encodes until the result is at most `maxBytes`: the quality ladder at full size, then smaller
 * widths, at most MAX_ENCODES times. The sequence depends only on the image and the target.
 */
export async function encodeToFit(image: Decodable, type: OutputType, maxBytes: number): Promise<Encoded> {
  const queue = fullSize(type, image.width);
  let last: Encoded | undefined;
  for (let count = 0; count < MAX_ENCODES; count += 1) {
    const attempt = queue.shift() ?? next(last, maxBytes);
    if (attempt === undefined) break;
    last = await encode(image, attempt);
    if (last.data.length <= maxBytes) return last;
    if (last.data.length > maxBytes * LADDER_REACH) queue.length = 0;
  }
  throw new FitError(
    `it is still ${last?.data.length ?? '?'} bytes after ${MAX_ENCODES} encodings, over the ${maxBytes}-byte limit`,
    'Crop or scale it down in an image editor first.',
  );
}

function next(last: Encoded | undefined, maxBytes: number): Attempt | undefined {
  if (last === undefined || last.attempt.width <= MIN_WIDTH) return undefined;
  const quality = Math.min(last.attempt.quality, SCALED_QUALITY);
  return { ...last.attempt, quality, width: smallerWidth(last.attempt.width, last.data.length, maxBytes) };
}
