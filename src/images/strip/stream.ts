import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Piece, Plan } from './plan.js';

const CHUNK_BYTES = 256 * 1024;

/** Raised when the file no longer holds the bytes the plan was made from. */
export class FileChangedError extends Error {
  override readonly name = 'FileChangedError';
  constructor() {
    super('The file changed while it was being read; nothing more was sent. Try again.');
  }
}

/**
 * The plan's bytes in order: file ranges read from the open descriptor as they are consumed (at most
 * 256 KiB at a time), made-up pieces as they are. Memory stays flat whatever the file size.
 */
export function streamPlan(handle: FileHandle, plan: Plan): Readable {
  const pieces: Piece[] = plan.pieces.map((piece) => ({ ...piece }));
  let index = 0;
  return new Readable({
    highWaterMark: CHUNK_BYTES,
    read() {
      const piece = pieces[index];
      if (piece === undefined) {
        this.push(null);
        return;
      }
      if (piece.kind === 'bytes') {
        index += 1;
        this.push(piece.data);
        return;
      }
      const length = Math.min(CHUNK_BYTES, piece.end - piece.start);
      handle.read(Buffer.allocUnsafe(length), 0, length, piece.start).then(
        ({ bytesRead, buffer }) => {
          if (bytesRead === 0) {
            this.destroy(new FileChangedError());
            return;
          }
          piece.start += bytesRead;
          if (piece.start >= piece.end) index += 1;
          this.push(buffer.subarray(0, bytesRead));
        },
        (error: unknown) => this.destroy(error as Error),
      );
    },
  });
}
