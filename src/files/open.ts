import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import type { FitChange } from '../images/fit.js';
import { notAFile } from './kind.js';
import { defaultLocationCheck, type LocationCheck } from './opened-location.js';
import { accepted, inputCap, prepareImage, tooBig } from './prepare.js';
import { FileRefusal } from './refusal.js';
import { isInside } from './resolve.js';
import { FORMAT_SNIFF_BYTES, sniffImageFormat, type ImageFormat, type ImageType } from './sniff.js';

export { formatBytes } from './prepare.js';

export interface ImageRule {
  /** Who the file is for, in messages: "Shopee accepts …". */
  platform: string;
  accept: readonly ImageType[];
  maxBytes: number;
  /** Send the image without its EXIF, XMP, IPTC and comments (the tools' default). */
  strip?: boolean;
  /** Prepare an image the platform would refuse (type or size) instead of refusing it. */
  fit?: boolean;
  /** Only work out what would be sent: a fitted image is estimated, not written. */
  dryRun?: boolean;
}

/** What was done to the bytes sent, when they differ from the file (the contract's `prepared`). */
export interface Prepared {
  from_type: ImageFormat;
  from_bytes: number;
  to_type: ImageType;
  to_bytes: number;
  width: number;
  height: number;
  changes: FitChange[];
}

/** A validated image, held open: what is streamed is exactly the `size` bytes that were checked. */
export interface OpenedImage {
  path: string;
  fileName: string;
  size: number;
  type: ImageType;
  mime: string;
  /** Set when the bytes sent differ from the file: metadata removed, or fitted. */
  prepared?: Prepared;
  /** A dry run's estimate of a fitted copy: its size is known, its bytes are not made (nothing to stream or hash). */
  estimated?: true;
  /** A fresh stream of the `size` bytes to send, from the open descriptor; call once per attempt. */
  stream(): Readable;
  close(): Promise<void>;
}

// O_NONBLOCK: opening a FIFO for reading must not wait for a writer. O_NOFOLLOW: the path was already
// resolved, so a link appearing in its place afterwards is an attack, not a file. macOS (11+) can refuse
// a link in any component (O_NOFOLLOW_ANY, which Node does not export), closing the folder-swap race at
// the source; elsewhere the opened file's location is checked afterwards.
const O_NOFOLLOW_ANY = process.platform === 'darwin' ? 0x20000000 : 0;
const OPEN_FLAGS =
  constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0) | O_NOFOLLOW_ANY;

/** Everything fstat can tell: kind and size. Nothing is read from a file that fails here. */
function checkStats(given: string, stats: Stats, rule: ImageRule): void {
  if (!stats.isFile()) throw notAFile(given, stats);
  // `ln /elsewhere/a.png root/a.png` pulls a file in without any link to resolve.
  if (stats.nlink > 1) {
    throw new FileRefusal(
      given,
      `has ${stats.nlink} hard links, so another of its names may lie outside the allowed folders. ` +
        'Copy the file into the folder (a copy, not a link) and give the copy.',
    );
  }
  if (stats.size > inputCap(rule)) throw tooBig(given, { ...rule, maxBytes: inputCap(rule) }, stats.size);
  if (stats.size === 0)
    throw new FileRefusal(given, `is empty (0 bytes). Save or export the image again as ${accepted(rule)}.`);
}

async function readHead(handle: FileHandle, given: string): Promise<Uint8Array> {
  const head = new Uint8Array(FORMAT_SNIFF_BYTES);
  try {
    await handle.read(head, 0, FORMAT_SNIFF_BYTES, 0);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FileRefusal(given, `cannot be read (${code}). Check the file and its permissions.`);
  }
  return head;
}

/** Refuses a descriptor whose file is not inside the roots, before anything about the file is told. */
async function checkLocation(
  given: string,
  handle: FileHandle,
  realPath: string,
  realRoots: readonly string[],
  check: LocationCheck,
): Promise<void> {
  const where = await check(handle, realPath).catch(() => undefined);
  if (where !== undefined && realRoots.some((root) => isInside(where, root))) return;
  throw new FileRefusal(
    given,
    'was moved out of the allowed folders while it was being opened (a folder on its path was ' +
      'replaced), so nothing was read from it. Keep the file in place and try again.',
  );
}

/**
 * Opens a resolved path, confirms where the opened file really is, and validates it from the
 * descriptor (fstat for kind and size, the first bytes for type), so nothing swapped in between the
 * check and the read can change what is sent.
 */
export async function openImage(
  given: string,
  realPath: string,
  rule: ImageRule,
  realRoots: readonly string[],
  check: LocationCheck = defaultLocationCheck,
): Promise<OpenedImage> {
  let handle: FileHandle;
  try {
    handle = await open(realPath, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ELOOP' ? 'was replaced by a link while being opened' : `cannot be opened (${code})`;
    throw new FileRefusal(given, `${why}. Check the file and its permissions.`);
  }
  try {
    await checkLocation(given, handle, realPath, realRoots, check);
    const stats = await handle.stat();
    // A device, a FIFO or a 10 GB file is refused from fstat, without reading a byte of it.
    checkStats(given, stats, rule);
    const format = sniffImageFormat(await readHead(handle, given));
    return await prepareImage(
      { given, fileName: basename(realPath), handle, size: stats.size, format },
      rule,
    );
  } catch (error) {
    await handle.close();
    throw error;
  }
}
