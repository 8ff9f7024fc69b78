import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeJpeg, makePng, makeWebp, padTo } from '../../src/samples/images.js';

export const MiB = 1024 * 1024;
export const SHOPEE_MAX = 10 * MiB;
export const TRACEPASS_MAX = 5 * MiB;

/** A temporary workspace: `root` is the allowed folder, `outside` and `rootEvil` are not. */
export interface Workspace {
  base: string;
  root: string;
  outside: string;
  /** A sibling whose name starts with the root's: `/x/root-evil` next to `/x/root`. */
  rootEvil: string;
  file(name: string, bytes: Buffer | string, where?: string): string;
  /** A real image of that type, padded to `size` bytes when given, in `where` (the root by default). */
  png(name: string, size?: number, where?: string): string;
  jpeg(name: string, size?: number, where?: string): string;
  webp(name: string, size?: number, where?: string): string;
  fifo(name: string): string;
  cleanup(): void;
}

export function makeWorkspace(): Workspace {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'cum-test-')));
  const root = join(base, 'root');
  const outside = join(base, 'outside');
  const rootEvil = join(base, 'root-evil');
  for (const dir of [root, outside, rootEvil]) mkdirSync(dir);
  const file = (name: string, bytes: Buffer | string, where = root) => {
    const path = join(where, name);
    writeFileSync(path, bytes);
    return path;
  };
  const sized = (image: Buffer) => (name: string, size?: number, where?: string) =>
    file(name, size === undefined ? image : padTo(image, size), where);
  return {
    base,
    root,
    outside,
    rootEvil,
    file,
    png: sized(makePng()),
    jpeg: sized(makeJpeg()),
    webp: sized(makeWebp()),
    fifo(name) {
      const path = join(root, name);
      execFileSync('mkfifo', [path]);
      return path;
    },
    cleanup: () => rmSync(base, { recursive: true, force: true }),
  };
}
