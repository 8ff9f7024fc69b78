import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePng, padTo } from '../src/samples/images.js';

export const MiB = 1024 * 1024;
/** Sizes are binary, as in the contract (10 MB = 10,485,760 bytes). */
export const BATCH_FILE_BYTES = 9.5 * MiB;
export const BATCH_FILE_COUNT = 8;
export const SMALL_FILE_BYTES = 50 * 1024;

/** The images every scenario uploads, made once in a temporary folder that is the server's root. */
export interface Fixtures {
  dir: string;
  /** Absolute paths of the 8 large PNGs. */
  batch: string[];
  batchBytes: number;
  /** Absolute path of the 50 KB PNG. */
  small: string;
  cleanup(): void;
}

export function makeFixtures(): Fixtures {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'catalog-upload-bench-')));
  const write = (name: string, bytes: Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };
  const large = padTo(makePng(), BATCH_FILE_BYTES);
  const batch = Array.from({ length: BATCH_FILE_COUNT }, (_, i) => write(`batch-${i + 1}.png`, large));
  return {
    dir,
    batch,
    batchBytes: BATCH_FILE_COUNT * BATCH_FILE_BYTES,
    small: write('small.png', padTo(makePng(), SMALL_FILE_BYTES)),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
