import { mkdirSync, symlinkSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRODUCT_ID } from '../../src/emulator/index.js';
import { startHarness, textOf, type Harness } from '../helpers/harness.js';

const TOOLS = [
  ['shopee_upload_images', (path: string) => ({ paths: [path] })],
  ['tracepass_upload_image', (path: string) => ({ product_id: DEMO_PRODUCT_ID, path })],
] as const;

type Attack = [name: string, path: (h: Harness) => string, reason: RegExp];

const OUTSIDE = /is outside the allowed folders/;
const OUTSIDE_ONLY =
  /^Cannot use "[^"]+": is outside the allowed folders \([^)]*\)\. Copy the file into one of them/;

/** Every attack against every upload tool: refused with its reason, and nothing sent anywhere. */
function refusesAll(attacks: Attack[], harness: () => Harness): void {
  const cases = attacks.flatMap(([name, path, reason]) =>
    TOOLS.map(([tool, args]) => [name, tool, path, reason, args] as const),
  );
  it.each(cases)('refuses %s (%s)', async (_name, tool, path, reason, args) => {
    const h = harness();
    const result = await h.call(tool, args(path(h)));
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(reason);
    expect(h.emulator.requests).toEqual([]);
  });
}

/** A root and, next to it, folders and links an attacker would reach for. */
function plant(h: Harness): void {
  const { ws } = h;
  ws.png('secret.png', undefined, ws.outside);
  ws.png('evil.png', undefined, ws.rootEvil);
  symlinkSync(join(ws.outside, 'secret.png'), join(ws.root, 'link-to-file.png'));
  symlinkSync(ws.outside, join(ws.root, 'link-to-dir'));
  // Look-alikes of "root": Cyrillic о (U+043E) twice, and a zero-width space at the end.
  for (const name of ['r\u043e\u043et', 'root\u200b']) {
    mkdirSync(join(ws.base, name));
    ws.png('a.png', undefined, join(ws.base, name));
  }
  ws.fifo('pipe.png');
  const huge = ws.png('huge.png');
  truncateSync(huge, 10 * 1024 ** 3); // sparse: 10 GB in size, nothing on disk
}

describe('attacks with one ordinary root', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    plant(h);
  });
  afterAll(() => h.close());

  refusesAll(
    [
      ['a ../ escape', () => '../outside/secret.png', OUTSIDE],
      ['an absolute path outside', (h) => join(h.ws.outside, 'secret.png'), OUTSIDE],
      ['a symlink to a file outside, naming no target', () => 'link-to-file.png', OUTSIDE_ONLY],
      ['a symlink to a folder outside, naming no target', () => 'link-to-dir/secret.png', OUTSIDE_ONLY],
      ['a prefix sibling (root-evil)', (h) => join(h.ws.rootEvil, 'evil.png'), OUTSIDE],
      ['a prefix sibling reached with ../', () => '../root-evil/evil.png', OUTSIDE],
      ['a NUL byte', () => 'secret.png\0../../etc/passwd', /contains a NUL byte; pass a plain file path/],
      ['/etc/passwd', () => '/etc/passwd', OUTSIDE],
      ['a missing file outside, as outside', (h) => join(h.ws.outside, 'no-such.png'), OUTSIDE],
      ['a missing file outside reached with ../', () => '../outside/no-such.png', OUTSIDE],
      ['~/.ssh/id_rsa, whether it exists or not', () => '~/.ssh/id_rsa', OUTSIDE],
      ['/dev/zero', () => '/dev/zero', OUTSIDE],
      ['/dev/stdin', () => '/dev/stdin', OUTSIDE],
      ['/proc/self/environ', () => '/proc/self/environ', OUTSIDE],
      ['a FIFO, without waiting for a writer', () => 'pipe.png', /is a pipe \(FIFO\), not an image file/],
      [
        'a sparse 10 GB file, from its size alone',
        () => 'huge.png',
        /is 10,737,418,240 bytes; \w+ accepts at most/,
      ],
      ['a Cyrillic look-alike of the root', (h) => join(h.ws.base, 'r\u043e\u043et', 'a.png'), OUTSIDE],
      ['a look-alike with a zero-width space', () => '../root\u200b/a.png', OUTSIDE],
      ['the root itself', (h) => h.ws.root, /is a folder, not an image file/],
      ['the root as "."', () => '.', /is a folder, not an image file/],
    ],
    () => h,
  );
});

describe('attacks with roots that hold the devices themselves', () => {
  // Roots this wide make "outside" impossible: the file checks alone must refuse these.
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ roots: (ws) => [ws.root, '/dev', '/proc/self'] });
  });
  afterAll(() => h.close());

  refusesAll(
    [
      ['/dev/zero', () => '/dev/zero', /"\/dev\/zero": is a device, not an image file/],
      ['/dev/stdin', () => '/dev/stdin', /"\/dev\/stdin": is (a device|a pipe \(FIFO\)|a socket)/],
      ['/proc/self/environ', () => '/proc/self/environ', /"\/proc\/self\/environ": is empty/],
      ['/proc/self/mem', () => '/proc/self/mem', /"\/proc\/self\/mem": is empty/],
    ],
    () => h,
  );
});
