import { lstat, readlink, realpath, type FileHandle } from 'node:fs/promises';

/**
 * Where the file behind an open descriptor really is, given the real path it was opened by; undefined
 * when that cannot be confirmed. O_NOFOLLOW guards only the last component of a path, so a folder on
 * it swapped for a link between realpath and open would hand us a file from anywhere.
 */
export type LocationCheck = (handle: FileHandle, realPath: string) => Promise<string | undefined>;

/** Linux names the file behind a descriptor itself: the kernel's path for what was opened. */
export const byProcFd: LocationCheck = (handle) => readlink(`/proc/self/fd/${handle.fd}`);

/**
 * Without a descriptor-to-path call (Node has none beyond Linux's /proc), the path is resolved again
 * and must lead to the very same file (device and inode), twice, bracketing the comparison. This
 * narrows the race to two swaps timed within microseconds; it cannot close it the way /proc does.
 */
export const byIdentity: LocationCheck = async (handle, realPath) => {
  const opened = await handle.stat({ bigint: true });
  if ((await realpath(realPath)) !== realPath) return undefined;
  const there = await lstat(realPath, { bigint: true });
  if ((await realpath(realPath)) !== realPath) return undefined;
  return there.dev === opened.dev && there.ino === opened.ino ? realPath : undefined;
};

/** /proc where it answers (it may be unmounted in a container), the identity check everywhere else. */
export const defaultLocationCheck: LocationCheck =
  process.platform === 'linux'
    ? (handle, realPath) => byProcFd(handle, realPath).catch(() => byIdentity(handle, realPath))
    : byIdentity;
