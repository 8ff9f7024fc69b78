import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TRACEPASS_MAX } from '../helpers/fixtures.js';
import { startHarness, textOf, type Harness } from '../helpers/harness.js';
import { makeImage } from '../images/helpers.js';
import { padJpeg } from '../images/pad.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

interface Listed {
  images: {
    path: string;
    type: string;
    has_location: boolean;
    fits: { shopee: boolean; tracepass: boolean };
  }[];
  truncated: boolean;
}
const listed = (result: { structuredContent?: unknown }) => result.structuredContent as Listed;

describe('list_local_images', () => {
  it('lists the images of a tree by their bytes, skipping hidden entries, other files and links out', async () => {
    const harness = (h = await startHarness());
    const { ws } = harness;
    mkdirSync(join(ws.root, 'sub'));
    mkdirSync(join(ws.root, '.hidden'));
    const gps = ws.file('sub/b.dat', await makeImage('jpeg', { gps: true }));
    const png = ws.png('a.png');
    ws.png('.secret.png');
    ws.png('inside-hidden.png', undefined, join(ws.root, '.hidden'));
    ws.file('notes.txt', 'hello');
    symlinkSync(ws.png('out.png', undefined, ws.outside), join(ws.root, 'link.png'));
    // Fits after its comments go (the default); over the limit with kept segments.
    const comments = ws.file('c.jpg', padJpeg(await makeImage('jpeg'), TRACEPASS_MAX + 1, 0xfe));
    const kept = ws.file('d.jpg', padJpeg(await makeImage('jpeg'), TRACEPASS_MAX + 1, 0xe5));

    const out = listed(await harness.call('list_local_images', {}));
    expect(out.truncated).toBe(false);
    expect(out.images.map((i) => i.path)).toEqual([png, comments, kept, gps]);
    expect(out.images.map((i) => i.has_location)).toEqual([false, false, false, true]);
    expect(out.images.map((i) => i.fits)).toEqual([
      { shopee: true, tracepass: true },
      { shopee: true, tracepass: true },
      { shopee: true, tracepass: false },
      { shopee: true, tracepass: true },
    ]);
  });

  it('stops at limit and says the list is truncated; recursive: false stays in the folder', async () => {
    const harness = (h = await startHarness());
    mkdirSync(join(harness.ws.root, 'sub'));
    for (const name of ['a.png', 'b.png', 'c.png']) harness.ws.png(name);
    harness.ws.png('sub/d.png');
    const limited = listed(await harness.call('list_local_images', { limit: 2 }));
    expect(limited.images).toHaveLength(2);
    expect(limited.truncated).toBe(true);
    const all = listed(await harness.call('list_local_images', { limit: 4 }));
    expect(all).toMatchObject({ truncated: false });
    expect(all.images).toHaveLength(4);
    const flat = listed(await harness.call('list_local_images', { folder: 'sub', recursive: false }));
    expect(flat.images.map((i) => i.path)).toEqual([join(harness.ws.root, 'sub', 'd.png')]);
  });

  it('refuses a folder outside the allowed folders, as it refuses a file there', async () => {
    const harness = (h = await startHarness());
    const result = await harness.call('list_local_images', { folder: harness.ws.outside });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/is outside the allowed folders/);
  });
});
