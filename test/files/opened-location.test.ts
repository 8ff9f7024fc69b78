import { mkdirSync, renameSync, symlinkSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileRefusal } from '../../src/files/index.js';
import { openImage } from '../../src/files/open.js';
import { byIdentity, byProcFd, type LocationCheck } from '../../src/files/opened-location.js';
import { makeWorkspace, type Workspace } from '../helpers/fixtures.js';

let ws: Workspace;
let handle: FileHandle | undefined;
let inside: string;
beforeEach(() => {
  ws = makeWorkspace();
  mkdirSync(join(ws.root, 'swap'));
  mkdirSync(join(ws.outside, 'dir'));
  inside = ws.png('x.png', undefined, join(ws.root, 'swap'));
  ws.png('x.png', undefined, join(ws.outside, 'dir'));
});
afterEach(async () => {
  await handle?.close();
  handle = undefined;
  ws.cleanup();
});

/** Puts the link to outside/dir where root/swap was (or back), as one step of the swap race would. */
function swapFolder(toLink: boolean): void {
  const swap = join(ws.root, 'swap');
  const parked = join(ws.root, 'parked');
  if (toLink) {
    renameSync(swap, parked);
    symlinkSync(join(ws.outside, 'dir'), swap);
  } else {
    renameSync(swap, join(ws.root, 'link'));
    renameSync(parked, swap);
  }
}

const checks: [string, LocationCheck][] = [['the identity check', byIdentity]];
if (process.platform === 'linux') checks.push(['/proc/self/fd', byProcFd]);

describe.each(checks)('where an opened file really is, by %s', (_name, check) => {
  it('confirms a file opened where it was resolved', async () => {
    handle = await open(inside, 'r');
    expect(await check(handle, inside)).toBe(inside);
  });

  it('does not confirm the outside file opened through a folder swapped for a link', async () => {
    swapFolder(true);
    handle = await open(inside, 'r'); // the path resolved inside; the open went through the link
    swapFolder(false);
    expect(await check(handle, inside)).not.toBe(inside);
  });
});

describe('opening an image whose location is not confirmed', () => {
  const rule = { platform: 'Shopee', accept: ['png'] as const, maxBytes: 1024 * 1024 };

  it('refuses it before reading anything, saying to keep the file in place', async () => {
    const unconfirmed: LocationCheck = async () => undefined;
    const error = await openImage('swap/x.png', inside, rule, [ws.root], unconfirmed).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FileRefusal);
    expect((error as Error).message).toBe(
      'Cannot use "swap/x.png": was moved out of the allowed folders while it was being opened (a folder ' +
        'on its path was replaced), so nothing was read from it. Keep the file in place and try again.',
    );
  });

  it('refuses it when the confirmed location lies outside the roots, and opens it when inside', async () => {
    const elsewhere: LocationCheck = async () => join(ws.outside, 'dir', 'x.png');
    await expect(openImage('swap/x.png', inside, rule, [ws.root], elsewhere)).rejects.toThrow(
      /was moved out/,
    );
    const image = await openImage('swap/x.png', inside, rule, [ws.root], async () => inside);
    expect(image).toMatchObject({ fileName: 'x.png', type: 'png' });
    await image.close();
  });
});
