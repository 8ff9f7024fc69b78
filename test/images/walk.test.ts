import { execFileSync } from 'node:child_process';
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkImages } from '../../src/images/walk.js';
import { makeImage, scratch, stripFile } from './helpers.js';

const outside = scratch('walk-outside-');
const inside = scratch('walk-root-');
const root = realpathSync(inside.dir);
let png: Buffer;
let jpeg: Buffer;

afterAll(() => {
  outside.cleanup();
  inside.cleanup();
});

beforeAll(async () => {
  png = await makeImage('png', { width: 10, height: 8, gps: true });
  jpeg = await makeImage('jpeg', { width: 12, height: 9 });
  mkdirSync(join(root, 'sub', 'deeper'), { recursive: true });
  mkdirSync(join(root, '.hidden'));
  inside.write('b.png', png);
  inside.write('a photo.txt', jpeg); // an image whatever its name
  inside.write('fake.jpg', Buffer.from('not an image'));
  inside.write('empty.png', Buffer.alloc(0));
  inside.write('.secret.png', png);
  inside.write('.hidden/c.png', png);
  inside.write('sub/d.jpg', jpeg);
  inside.write('sub/deeper/e.png', png);
  outside.write('outside.png', png);
  symlinkSync(join(outside.dir, 'outside.png'), join(root, 'link-out.png'));
  symlinkSync(outside.dir, join(root, 'link-out-dir'));
  symlinkSync(join(root, 'sub'), join(root, 'sub', 'deeper', 'loop')); // a cycle inside the roots
  symlinkSync(join(root, 'b.png'), join(root, 'sub', 'link-in.png'));
  symlinkSync(join(root, 'missing.png'), join(root, 'dangling.png'));
  execFileSync('mkfifo', [join(root, 'pipe.png')]);
});

const names = (paths: { path: string }[]) => paths.map((image) => image.path.slice(root.length + 1));

describe('walkImages', () => {
  it('lists images by their bytes, sorted, skipping hidden entries, links out of the roots and non-images', async () => {
    const { images, truncated } = await walkImages({ roots: [root], recursive: true, limit: 100 });
    expect(truncated).toBe(false);
    expect(names(images)).toEqual(['a photo.txt', 'b.png', 'sub/d.jpg', 'sub/deeper/e.png']);
    const { bytes: stripped } = await stripFile(join(root, 'b.png'));
    expect(stripped.length).toBeLessThan(png.length);
    expect(images[1]).toEqual({
      path: join(root, 'b.png'),
      bytes: png.length,
      strippedBytes: stripped.length,
      type: 'png',
      width: 10,
      height: 8,
      hasLocation: true,
      orientation: 1,
    });
    expect(images[0]).toMatchObject({
      type: 'jpeg',
      width: 12,
      height: 9,
      hasLocation: false,
      bytes: jpeg.length,
    });
  });

  it('follows links inside the roots once, reporting real paths', async () => {
    const { images } = await walkImages({
      roots: [root],
      folders: [join(root, 'sub')],
      recursive: true,
      limit: 100,
    });
    // sub/link-in.png leads to b.png; sub/deeper/loop leads back to sub and ends there.
    expect(names(images)).toEqual(['b.png', 'sub/d.jpg', 'sub/deeper/e.png']);
  });

  it('reads a link out of the roots only when its target is itself a root', async () => {
    const real = realpathSync(outside.dir);
    const { images } = await walkImages({
      roots: [root, real],
      folders: [root],
      recursive: true,
      limit: 100,
    });
    expect(images.map((image) => image.path)).toContain(join(real, 'outside.png'));
  });

  it('stays in the folder when not recursive', async () => {
    const { images } = await walkImages({ roots: [root], recursive: false, limit: 100 });
    expect(names(images)).toEqual(['a photo.txt', 'b.png']);
  });

  it('stops at the limit and says so only when more images exist', async () => {
    const exact = await walkImages({ roots: [root], recursive: true, limit: 4 });
    expect(exact).toMatchObject({ truncated: false });
    expect(exact.images).toHaveLength(4);
    const short = await walkImages({ roots: [root], recursive: true, limit: 3 });
    expect(short.truncated).toBe(true);
    expect(names(short.images)).toEqual(['a photo.txt', 'b.png', 'sub/d.jpg']);
  });
});

describe('the 10,000-entry cap', () => {
  const big = scratch('walk-big-');
  const bigRoot = realpathSync(big.dir);
  afterAll(() => big.cleanup());

  // Hidden entries count as looked at, and cost no read: a cheap way to fill a folder. The image sits
  // in a subfolder, which is walked after every entry of its parent, so its place in the count is known.
  it('finds an image that is the 10,000th entry, and not one that is the 10,001st', async () => {
    mkdirSync(join(bigRoot, 'sub'));
    big.write('sub/last.png', await makeImage('png', { width: 2, height: 2 }));
    for (let i = 0; i < 9_998; i += 1) writeFileSync(join(bigRoot, `.f${String(i).padStart(5, '0')}`), '');
    const within = await walkImages({ roots: [bigRoot], recursive: true, limit: 10 });
    expect(within).toMatchObject({ truncated: false });
    expect(names2(within.images)).toEqual(['sub/last.png']);

    writeFileSync(join(bigRoot, '.f-extra'), '');
    const over = await walkImages({ roots: [bigRoot], recursive: true, limit: 10 });
    expect(over).toEqual({ images: [], truncated: true });
  });

  it('lists the images among the entries it read before the cap, and says the list is cut', async () => {
    // The root's 11 entries use the whole budget; sub is never read.
    const capped = await walkImages({ roots: [root], recursive: true, limit: 100, maxEntries: 11 });
    expect(names(capped.images)).toEqual(['a photo.txt', 'b.png']);
    expect(capped.truncated).toBe(true);
    // Within a folder the cap cuts in listing order, so only the count is certain.
    const three = realpathSync(big.dir);
    mkdirSync(join(three, 'three'));
    for (const name of ['x.png', 'y.png', 'z.png'])
      big.write(`three/${name}`, await makeImage('png', { width: 2, height: 2 }));
    const cut = await walkImages({
      roots: [join(three, 'three')],
      recursive: true,
      limit: 100,
      maxEntries: 2,
    });
    expect(cut.images).toHaveLength(2);
    expect(cut.truncated).toBe(true);
  });

  const names2 = (images: { path: string }[]) => images.map((image) => image.path.slice(bigRoot.length + 1));
});
