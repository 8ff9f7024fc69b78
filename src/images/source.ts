import type { FileHandle } from 'node:fs/promises';

/** Random access to an image's bytes; parsers read only the headers they need through it. */
export interface ByteSource {
  readonly size: number;
  /** Exactly `length` bytes at `position`, or fewer only where the source ends. */
  read(position: number, length: number): Promise<Uint8Array>;
}

// Small header reads cluster (JPEG segments, PNG chunks): one read of this many bytes serves several.
const WINDOW_BYTES = 4096;

/** Reads from an open file through one small window, so a header walk costs few system calls. */
export function fileSource(handle: FileHandle, size: number): ByteSource {
  let windowStart = 0;
  let window = new Uint8Array(0);
  return {
    size,
    async read(position, length) {
      const end = Math.min(size, position + length);
      if (position >= windowStart && end <= windowStart + window.length) {
        return window.subarray(position - windowStart, end - windowStart);
      }
      const want = Math.max(0, end - position);
      const buffer = new Uint8Array(Math.min(Math.max(want, WINDOW_BYTES), Math.max(0, size - position)));
      let filled = 0;
      while (filled < buffer.length) {
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, position + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      windowStart = position;
      window = buffer.subarray(0, filled);
      return window.subarray(0, Math.min(want, filled));
    },
  };
}

/** The same access over bytes in memory: an EXIF block already read, or a test's image. */
export function bufferSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: async (position, length) => bytes.subarray(position, Math.min(bytes.length, position + length)),
  };
}

/** The part `start`…`end` of a source, addressed from 0: an EXIF block cannot reach outside its segment. */
export function sliceSource(source: ByteSource, start: number, end: number): ByteSource {
  const size = Math.max(0, Math.min(end, source.size) - start);
  return {
    size,
    read: (position, length) =>
      position >= size
        ? Promise.resolve(new Uint8Array(0))
        : source.read(start + position, Math.min(length, size - position)),
  };
}
