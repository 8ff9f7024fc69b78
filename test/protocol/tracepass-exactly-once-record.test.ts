import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileAccess } from '../../src/files/index.js';
import { sha256 } from '../emulator/helpers.js';
import { startHarness, textOf, type Harness, type HarnessOptions } from '../helpers/harness.js';
import { requestLines, requestsOf } from '../helpers/observe.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(options: HarnessOptions = {}): Promise<Harness> {
  h = await startHarness(options);
  return h;
}

const upload = (h: Harness, productId: string, path: string, extra: Record<string, unknown> = {}) =>
  h.call('tracepass_upload_image', { product_id: productId, path, ...extra });

describe('tracepass_upload_image dry run and the upload record', () => {
  it('says in a dry run that the image is already there, sending nothing and recording nothing', async () => {
    const h = await start();
    const product = h.emulator.addProduct();
    const path = h.ws.png('a.png');
    const before = await upload(h, product.id, path, { dry_run: true });
    expect(before.structuredContent).toMatchObject({ dry_run: true, image_url: '', index: 0 });
    expect(before.structuredContent).not.toHaveProperty('already_uploaded');
    const uploaded = await upload(h, product.id, path);
    expect(uploaded.structuredContent).not.toHaveProperty('already_uploaded');
    const url = product.imageUrls[0]!;
    h.emulator.reset();

    const dry = await upload(h, product.id, path, { dry_run: true });
    expect(dry.structuredContent).toEqual({
      dry_run: true,
      image_url: url,
      image_urls: [url],
      index: 0,
      already_uploaded: true,
    });
    expect(textOf(dry)).toMatch(
      /^Dry run: nothing was sent\. .* was already uploaded to it and is image 0 \(1 of 20\): .*Called without dry_run, the upload would send nothing and return that image\. To add it a second time anyway, call again with allow_duplicate: true\.$/,
    );
    const forced = await upload(h, product.id, path, { dry_run: true, allow_duplicate: true });
    expect(forced.structuredContent).toMatchObject({ dry_run: true, image_url: '', index: 1 });
    expect(forced.structuredContent).toHaveProperty('would_send');
    expect(requestLines(h.emulator)).toEqual([
      `GET /api/v1/products/${product.id} 200`,
      `GET /api/v1/products/${product.id} 200`,
    ]);
  });

  it('returns the recorded image on a product that is full, instead of refusing a 21st', async () => {
    const h = await start();
    const others = Array.from({ length: 19 }, (_, i) => `https://img.test/${i}.png`);
    const product = h.emulator.addProduct({ imageUrls: others });
    const path = h.ws.png('a.png');
    await upload(h, product.id, path);
    const again = await upload(h, product.id, path);
    expect(again.isError).toBeUndefined();
    expect(again.structuredContent).toMatchObject({ index: 19, already_uploaded: true });
  });

  it('records an image found by the read after a lost answer, so a re-sent call sends nothing', async () => {
    const h = await start();
    const product = h.emulator.addProduct();
    const path = h.ws.png('a.png');
    h.emulator.inject({ platform: 'tracepass', method: 'POST', kind: 'drop-after-store' });
    const first = await upload(h, product.id, path);
    expect(first.structuredContent).toMatchObject({ image_url: product.imageUrls[0], index: 0 });
    const resent = await upload(h, product.id, path);
    expect(resent.structuredContent).toMatchObject({
      image_url: product.imageUrls[0],
      already_uploaded: true,
    });
    expect(requestsOf(h.emulator, 'POST')).toHaveLength(1);
  });

  it('keys the record on the bytes the upload streams, not on the file on disk', async () => {
    // As when metadata is stripped: two files that differ on disk but send the same bytes.
    let sent = Buffer.alloc(0);
    const sendingOnly = (files: FileAccess): FileAccess => ({
      roots: files.roots,
      openImages: async (paths, rule) =>
        (await files.openImages(paths, rule)).map((image) => ({
          ...image,
          stream: () => Readable.from([sent]),
        })),
    });
    const h = await start({ files: sendingOnly });
    const product = h.emulator.addProduct();
    const a = h.ws.png('a.png', 20_000);
    sent = readFileSync(a);
    const differs = Buffer.from(sent);
    differs[differs.length - 1] = 0x21;
    const b = h.ws.file('b.png', differs);

    await upload(h, product.id, a);
    expect((await upload(h, product.id, b)).structuredContent).toMatchObject({ already_uploaded: true });
    expect(requestsOf(h.emulator, 'POST').map((post) => post.parts[0]?.sha256)).toEqual([sha256(sent)]);
  });

  it('sends nothing when the upload record cannot be opened, and says where to put it', async () => {
    const blocked = mkdtempSync(join(tmpdir(), 'cum-blocked-'));
    try {
      writeFileSync(join(blocked, 'file'), 'a file where the state dir should go');
      const stateDir = join(blocked, 'file', 'state');
      const h = await start({ env: { CATALOG_UPLOAD_STATE_DIR: stateDir } });
      const product = h.emulator.addProduct();
      const result = await upload(h, product.id, h.ws.png('a.png'));
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(
        new RegExp(
          `^The upload record in ${stateDir} could not be opened \\(.*ENOTDIR.*\\), so nothing was sent\\. ` +
            'Set CATALOG_UPLOAD_STATE_DIR to a folder this user can write\\.$',
        ),
      );
      expect(h.emulator.requests).toEqual([]);
    } finally {
      rmSync(blocked, { recursive: true, force: true });
    }
  });
});
