import { createHash } from 'node:crypto';
import { addAbortSignal } from 'node:stream';
import type { OpenedImage } from './open.js';

/**
 * SHA-256 (lowercase hex) of exactly the bytes `image.stream()` yields, which are the bytes an upload
 * sends: read once, chunk by chunk, so memory stays flat whatever the size.
 */
export async function sha256OfImage(image: OpenedImage, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  const stream = image.stream();
  if (signal) addAbortSignal(signal, stream);
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
