import { appendFileSync, mkdirSync, symlinkSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AllowedRoots,
  BatchRefusal,
  FileRefusal,
  createFileAccess,
  type FileAccess,
} from '../../src/files/index.js';
import { isInside } from '../../src/files/resolve.js';
import { SHOPEE_IMAGE_RULE } from '../../src/platforms/shopee/limits.js';
import { TRACEPASS_IMAGE_RULE } from '../../src/platforms/tracepass/limits.js';
import { SHOPEE_MAX, TRACEPASS_MAX, makeWorkspace, type Workspace } from '../helpers/fixtures.js';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const png = (tail = '') => Buffer.concat([PNG_MAGIC, Buffer.from(tail)]);

let ws: Workspace;
let files: FileAccess;
beforeEach(() => {
  ws = makeWorkspace();
  files = createFileAccess(new AllowedRoots([ws.root]));
});
afterEach(() => ws.cleanup());

const refusal = (paths: string[], rule = SHOPEE_IMAGE_RULE) =>
  files.openImages(paths, rule).then(
    () => 'accepted',
    (error: Error) => error.message,
  );

describe('isInside', () => {
  it('admits the root and what lies below it, not prefix siblings or parents', () => {
    expect(isInside('/data', '/data')).toBe(true);
    expect(isInside('/data/a/b.png', '/data')).toBe(true);
    expect(isInside('/data/..hidden.png', '/data')).toBe(true);
    expect(isInside('/data-evil/x.png', '/data')).toBe(false);
    expect(isInside('/', '/data')).toBe(false);
    expect(isInside('/etc/passwd', '/data')).toBe(false);
  });
});

describe('resolving and opening files', () => {
  it('opens a file by absolute path and by a path relative to the roots, tried in order', async () => {
    const second = join(ws.base, 'second');
    mkdirSync(second);
    ws.file('b.png', png('x'), second);
    files = createFileAccess(new AllowedRoots([ws.root, second]));
    const [a, b] = await files.openImages([ws.png('a.png'), 'b.png'], SHOPEE_IMAGE_RULE);
    expect(a).toMatchObject({ fileName: 'a.png', type: 'png', mime: 'image/png' });
    expect(b).toMatchObject({ fileName: 'b.png', size: 9, type: 'png' });
    await Promise.all([a?.close(), b?.close()]);
  });

  it('accepts exactly the size limit and refuses one byte more (Shopee 10 MB, TracePass 5 MB)', async () => {
    const atShopee = ws.jpeg('at.jpg', SHOPEE_MAX);
    const overShopee = ws.jpeg('over.jpg', SHOPEE_MAX + 1);
    const atTp = ws.webp('at.webp', TRACEPASS_MAX);
    const overTp = ws.webp('over.webp', TRACEPASS_MAX + 1);
    const [opened] = await files.openImages([atShopee], SHOPEE_IMAGE_RULE);
    expect(opened?.size).toBe(10_485_760);
    await opened?.close();
    expect(await refusal([overShopee])).toMatch(
      /is 10,485,761 bytes; Shopee accepts at most 10,485,760 bytes \(10 MB\)/,
    );
    const [tp] = await files.openImages([atTp], TRACEPASS_IMAGE_RULE);
    expect(tp?.size).toBe(5_242_880);
    await tp?.close();
    expect(await refusal([overTp], TRACEPASS_IMAGE_RULE)).toMatch(
      /is 5,242,881 bytes; TracePass accepts at most 5,242,880 bytes/,
    );
  });

  it('reads the type from the bytes, never the name', async () => {
    const fake = ws.file('photo.jpg', 'just text, not a picture');
    expect(await refusal([fake])).toMatch(
      /photo\.jpg": is not a JPEG or PNG image \(its first bytes say so, whatever its name\)/,
    );
    const webp = ws.webp('product.png');
    expect(await refusal([webp])).toMatch(
      /is a WebP image; Shopee accepts only JPEG or PNG\. Convert it first, or pass fit: true/,
    );
    const [ok] = await files.openImages([webp], TRACEPASS_IMAGE_RULE);
    expect(ok?.type).toBe('webp');
    await ok?.close();
    expect(await refusal([ws.file('empty.png', '')])).toMatch(/is empty/);
  });

  it('refuses missing files, folders and FIFOs without hanging', async () => {
    expect(await refusal(['missing.png'])).toMatch(/"missing\.png": no such file in the allowed folders/);
    expect(await refusal([join(ws.root, 'nope.png')])).toMatch(/no such file\. Check the spelling/);
    expect(await refusal([ws.outside])).toMatch(/is outside the allowed folders/);
    mkdirSync(join(ws.root, 'sub'));
    expect(await refusal(['sub'])).toMatch(/"sub": is a folder, not an image file/);
    expect(await refusal([ws.fifo('pipe.png')])).toMatch(/is a pipe \(FIFO\), not an image file/);
    expect(await refusal([ws.root])).toMatch(/is a folder/);
  });

  it('refuses ../ escapes, absolute paths outside, prefix siblings and symlinks leading out', async () => {
    const outsideFile = ws.file('secret.png', png(), ws.outside);
    const evil = ws.file('evil.png', png(), ws.rootEvil);
    symlinkSync(outsideFile, join(ws.root, 'link.png'));
    symlinkSync(ws.outside, join(ws.root, 'linkdir'));
    expect(await refusal(['../outside/secret.png'])).toMatch(/is outside the allowed folders/);
    expect(await refusal([outsideFile])).toMatch(/is outside the allowed folders/);
    expect(await refusal([evil])).toMatch(/is outside the allowed folders/);
    expect(await refusal(['../root-evil/evil.png'])).toMatch(/is outside the allowed folders/);
    expect(await refusal(['link.png'])).toMatch(/is outside the allowed folders \([^)]*\)\. Copy the file/);
    expect(await refusal(['linkdir/secret.png'])).toMatch(/is outside the allowed folders/);
    expect(await refusal(['linkdir/secret.png'])).not.toMatch(/resolves|outside\/secret/);
    expect(await refusal(['ok.png\0.png'])).toMatch(/contains a NUL byte/);
  });

  it('follows a symlink that stays inside the root', async () => {
    const target = ws.png('target.png');
    symlinkSync(target, join(ws.root, 'alias.png'));
    const [image] = await files.openImages(['alias.png'], SHOPEE_IMAGE_RULE);
    expect(image?.fileName).toBe('target.png');
    await image?.close();
  });

  it('refuses a whole batch for one bad file, listing every problem', async () => {
    const error = await files
      .openImages([ws.png('good.png'), 'missing.png', ws.webp('w.webp')], SHOPEE_IMAGE_RULE)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchRefusal);
    expect((error as BatchRefusal).refusals.map((r) => r.path)).toEqual([
      'missing.png',
      join(ws.root, 'w.webp'),
    ]);
    expect((error as Error).message).toMatch(
      /^Nothing was uploaded: 2 of 3 files were refused\.\n- Cannot use "missing\.png"/,
    );
  });

  it('says how to allow a folder when there are no roots at all', async () => {
    files = createFileAccess(new AllowedRoots([]));
    const error = await files.openImages([ws.png('a.png')], SHOPEE_IMAGE_RULE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileRefusal);
    expect((error as Error).message).toMatch(
      /no folders are allowed yet\. Start the server with the image folder as an argument/,
    );
  });

  it('adds client roots and keeps the configured ones when the client list is empty', async () => {
    const roots = new AllowedRoots([ws.root]);
    files = createFileAccess(roots);
    const outsideImage = ws.file('o.png', png(), ws.outside);
    expect(await refusal([outsideImage])).toMatch(/outside/);
    roots.setClientRoots([`file://${ws.outside}`, 'https://example.com/not-a-folder']);
    const [image] = await files.openImages([outsideImage], SHOPEE_IMAGE_RULE);
    await image?.close();
    roots.setClientRoots([]);
    expect(await roots.list()).toEqual([ws.root]);
  });
});

describe('streaming exactly the validated bytes', () => {
  it('streams the file from the open descriptor, as many times as asked', async () => {
    const path = ws.file('t.png', png('abc'));
    const [image] = await files.openImages([path], SHOPEE_IMAGE_RULE);
    expect((await text(image!.stream())).slice(8)).toBe('abc');
    expect((await text(image!.stream())).slice(8)).toBe('abc');
    await image?.close();
  });

  it('reads nothing until the stream is consumed, so a part waiting its turn holds no bytes', async () => {
    const path = ws.file('lazy.png', png('abc'));
    const [image] = await files.openImages([path], SHOPEE_IMAGE_RULE);
    const stream = image!.stream();
    await new Promise((resolve) => setTimeout(resolve, 20));
    truncateSync(path, 0);
    await expect(text(stream)).rejects.toThrow(/changed while it was being uploaded/);
    await image?.close();
  });

  it('sends no more than the validated length when the file grows, and fails when it shrinks', async () => {
    const path = ws.file('g.png', png('abc'));
    const [image] = await files.openImages([path], SHOPEE_IMAGE_RULE);
    appendFileSync(path, 'MORE BYTES');
    expect((await text(image!.stream())).length).toBe(11);
    truncateSync(path, 5);
    await expect(text(image!.stream())).rejects.toThrow(/changed while it was being uploaded/);
    await image?.close();
  });
});
