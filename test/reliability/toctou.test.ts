import { appendFileSync, readFileSync, renameSync, rmSync, symlinkSync, truncateSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileAccess } from '../../src/files/index.js';
import { eventually, sha256 } from '../emulator/helpers.js';
import { startHarness, textOf, type Harness } from '../helpers/harness.js';
import { requestLines } from '../helpers/observe.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Runs `change` right after the server validated the files and before it sends a byte. */
function changeAfterValidation(change: () => void): (files: FileAccess) => FileAccess {
  return (files) => ({
    roots: files.roots,
    async openImages(paths, rule) {
      const images = await files.openImages(paths, rule);
      change();
      return images;
    },
  });
}

/** A harness whose file `a.png` (300 KB) is changed by `change` between validation and upload. */
async function withChange(change: (path: string, ws: Harness['ws']) => void) {
  let path = '';
  h = await startHarness({ files: changeAfterValidation(() => change(path, h!.ws)) });
  path = h.ws.png('a.png', 300_000);
  return { h, path, validated: readFileSync(path) };
}

describe('the bytes sent are the bytes validated', () => {
  it.each([
    ['grows', (path: string) => appendFileSync(path, Buffer.alloc(1_000_000, 0x41))],
    [
      'is replaced by another file (rename)',
      (path: string, ws: Harness['ws']) => renameSync(ws.jpeg('other.jpg', 600_000), path),
    ],
    [
      'is replaced by a symlink to a file outside the root',
      (path: string, ws: Harness['ws']) => {
        rmSync(path);
        symlinkSync(ws.file('secret.png', 'TOP SECRET', ws.outside), path);
      },
    ],
  ])('when the file %s after validation', async (_name, change) => {
    const { h, path, validated } = await withChange(change);
    const result = await h.call('shopee_upload_images', { paths: [path] });
    expect(result.isError).toBeUndefined();
    expect(h.emulator.requests).toHaveLength(1);
    expect(h.emulator.requests[0]?.parts).toEqual([
      expect.objectContaining({ size: validated.length, sha256: sha256(validated), sniffed: 'png' }),
    ]);
  });

  it('sends TracePass exactly the validated bytes of a file that grew', async () => {
    const { h, path, validated } = await withChange((p) => appendFileSync(p, 'appended after the check'));
    const product = h.emulator.addProduct();
    const result = await h.call('tracepass_upload_image', { product_id: product.id, path });
    expect(result.isError).toBeUndefined();
    const [post] = h.emulator.requests.filter((r) => r.method === 'POST');
    expect(post?.parts[0]).toMatchObject({ size: validated.length, sha256: sha256(validated) });
  });
});

describe('a file that shrinks after validation', () => {
  const shrink = (path: string) => truncateSync(path, 100_000);

  it('fails the Shopee call with a clear reason, stores nothing and does not resend', async () => {
    const { h, path } = await withChange(shrink);
    const result = await h.call('shopee_upload_images', { paths: [path, h.ws.jpeg('b.jpg')] });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(`Cannot use "${path}": changed while it was being uploaded; try again.`);
    await eventually(() => h.emulator.requests[0]?.status === 'dropped');
    expect(h.emulator.requests).toHaveLength(1);
    expect(h.emulator.shopeeImages.size).toBe(0);
  });

  it('fails the TracePass upload the same way, adding no image', async () => {
    const { h, path } = await withChange(shrink);
    const product = h.emulator.addProduct();
    const result = await h.call('tracepass_upload_image', { product_id: product.id, path });
    expect(textOf(result)).toBe(`Cannot use "${path}": changed while it was being uploaded; try again.`);
    // Hashing the bytes for the upload record reads the file first: the change shows before any request.
    expect(requestLines(h.emulator)).toEqual([]);
    expect(product.imageUrls).toEqual([]);
  });
});
