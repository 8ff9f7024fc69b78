import { closeSync, openSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AllowedRoots, createFileAccess, type FileAccess } from '../../src/files/index.js';
import { makeWorkspace, type Workspace } from '../helpers/fixtures.js';
import { SHOPEE_RULE as RULE } from '../files/helpers/access.js';

let ws: Workspace;
let files: FileAccess;
let outsideFd: number;
beforeAll(() => {
  ws = makeWorkspace();
  files = createFileAccess(new AllowedRoots([ws.root]));
  outsideFd = openSync(ws.png('secret.png', undefined, ws.outside), 'r');
  symlinkSync(join(ws.outside, 'secret.png'), join(ws.root, 'link.png'));
  symlinkSync(join(ws.outside, 'no-such.png'), join(ws.root, 'dangling.png'));
  symlinkSync(ws.outside, join(ws.root, 'linkdir'));
});
afterAll(() => {
  closeSync(outsideFd);
  ws.cleanup();
});

/** The refusal text with the given path taken out: what it says about the path itself. */
async function answerFor(given: string): Promise<string> {
  const message = await files.openImages([given], RULE).then(
    () => 'opened',
    (error: Error) => error.message,
  );
  return message.replace(`"${given}"`, '"<path>"');
}

const NOT_THERE = 99_999; // a descriptor number no process here has open

// Pairs of paths outside the roots: one that exists (or is there but unreadable), one that is not.
// Functions, since the descriptor numbers are known only once the files are open.
const probes: [string, () => [string, string]][] = [
  ['/proc/self/root', () => ['/proc/self/root/etc/passwd', '/proc/self/root/etc/no-such-file']],
  ['/proc/self/cwd', () => ['/proc/self/cwd/package.json', '/proc/self/cwd/no-such-file']],
  ['/proc/<pid>/fd', () => [`/proc/${process.pid}/fd/${outsideFd}`, `/proc/${process.pid}/fd/${NOT_THERE}`]],
  ['/dev/fd', () => [`/dev/fd/${outsideFd}`, `/dev/fd/${NOT_THERE}`]],
  ["another process's /proc (EACCES)", () => ['/proc/1/cwd', '/no-such-dir/x.png']],
  ['/proc/1/fd (EACCES)', () => ['/proc/1/fd/0', '/proc/1/no-such-entry']],
  ['a link in the root', () => ['link.png', 'dangling.png']],
  ['a linked folder in the root', () => ['linkdir/secret.png', 'linkdir/no-such.png']],
];

describe.runIf(process.platform === 'linux')('refusals for paths outside the roots', () => {
  it.each(probes)('say the same through %s whether the path exists or not', async (_via, paths) => {
    const [there, missing] = paths();
    const expected =
      `Cannot use "<path>": is outside the allowed folders (${ws.root}). ` +
      'Copy the file into one of them, or add its folder to the server arguments or client roots.';
    expect(await answerFor(there)).toBe(expected);
    expect(await answerFor(missing)).toBe(expected);
  });

  it('say "no such file" under a configured folder that does not exist (nothing is there to tell)', async () => {
    const gone = join(ws.base, 'gone');
    const access = createFileAccess(new AllowedRoots([gone]));
    const message = await access.openImages(['a.png'], RULE).catch((error: Error) => error.message);
    expect(message).toBe(
      `Cannot use "a.png": no such file in the allowed folders (${gone}). Check the spelling, ` +
        'or give an absolute path inside an allowed folder.',
    );
  });

  it('still say "no such file" for a missing file inside the roots', async () => {
    expect(await answerFor('no-such.png')).toBe(
      `Cannot use "<path>": no such file in the allowed folders (${ws.root}). Check the spelling, ` +
        'or give an absolute path inside an allowed folder.',
    );
  });
});
