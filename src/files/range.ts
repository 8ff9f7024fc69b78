import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { FileRefusal } from './refusal.js';

const CHUNK_BYTES = 256 * 1024;

/**
 * Bytes 0…size-1 of an open file, read from the descriptor only as they are consumed: a part waiting
 * its turn in a multipart body holds no memory. Fails if the file ends before `size` (it shrank).
 */
export function readRange(handle: FileHandle, size: number, given: string): Readable {
  let position = 0;
  return new Readable({
    highWaterMark: CHUNK_BYTES,
    read() {
      const length = Math.min(CHUNK_BYTES, size - position);
      if (length === 0) {
        this.push(null);
        return;
      }
      handle.read(Buffer.allocUnsafe(length), 0, length, position).then(
        ({ bytesRead, buffer }) => {
          if (bytesRead === 0) {
            this.destroy(new FileRefusal(given, 'changed while it was being uploaded; try again.'));
            return;
          }
          position += bytesRead;
          this.push(buffer.subarray(0, bytesRead));
        },
        (error: unknown) => this.destroy(error as Error),
      );
    },
  });
}
