import { createWriteStream } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SNIFF_BYTES, sniffImageType, type ImageType } from '../files/sniff.js';

/** A body the download stops reading: over the byte cap, or not an image by its first bytes. */
export class BodyRefusal extends Error {
  override readonly name = 'BodyRefusal';
  constructor(
    readonly kind: 'too-large' | 'not-image',
    readonly bytesSeen: number,
  ) {
    super(kind === 'too-large' ? `body over the cap after ${bytesSeen} bytes` : 'body is not an image');
  }
}

interface Metered {
  bytes: number;
  type: ImageType | undefined;
}

/**
 * Counts the bytes and reads the type from the first ones as they pass, so an oversize or non-image body
 * is cut off at the first chunk that shows it, not after it has all been downloaded.
 */
function meter(maxBytes: number, seen: Metered): Transform {
  let head = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen.bytes += chunk.length;
      if (seen.bytes > maxBytes) return done(new BodyRefusal('too-large', seen.bytes));
      if (seen.type === undefined && head.length < SNIFF_BYTES) {
        head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
        if (head.length === SNIFF_BYTES) {
          seen.type = sniffImageType(head);
          if (seen.type === undefined) return done(new BodyRefusal('not-image', seen.bytes));
        }
      }
      done(null, chunk);
    },
  });
}

/**
 * Streams `body` into a new file at `path`, created with mode 0600 (readable by this user only) and never
 * over an existing file. Memory stays flat: one chunk at a time. On failure the caller removes the file.
 */
export async function saveBody(
  body: Readable,
  path: string,
  maxBytes: number,
  signal: AbortSignal,
): Promise<{ bytes: number; type: ImageType }> {
  const seen: Metered = { bytes: 0, type: undefined };
  await pipeline(body, meter(maxBytes, seen), createWriteStream(path, { flags: 'wx', mode: 0o600 }), {
    signal,
  });
  // Unknown here means the body ended before the first SNIFF_BYTES: no image is that short.
  if (seen.type === undefined) throw new BodyRefusal('not-image', seen.bytes);
  return { bytes: seen.bytes, type: seen.type };
}
