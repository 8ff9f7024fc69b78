import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { startHarness, textOf, type Harness } from '../helpers/harness.js';
import { requestLines } from '../helpers/observe.js';

interface Out {
  image_url: string;
  image_urls: string[];
  index: number;
  already_uploaded?: boolean;
}

const opened: Harness[] = [];
const others: Emulator[] = [];
afterEach(async () => {
  // Servers sharing a workspace first, the one that owns it last.
  for (const h of opened.splice(0).reverse()) await h.close();
  for (const e of others.splice(0)) await e.close();
});

async function start(options: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  const h = await startHarness(options);
  opened.push(h);
  return h;
}

const upload = (h: Harness, productId: string, path: string, extra: Record<string, unknown> = {}) =>
  h.call('tracepass_upload_image', { product_id: productId, path, ...extra });

function out(result: CallToolResult): Out {
  expect(result.isError, textOf(result)).toBeUndefined();
  return result.structuredContent as Out;
}

describe('tracepass_upload_image across calls', () => {
  it('sends the same file to the same product once: the second call returns that image, sending nothing', async () => {
    const h = await start();
    const product = h.emulator.addProduct({ imageUrls: ['https://img.test/existing.png'] });
    const path = h.ws.png('a.png');
    const first = out(await upload(h, product.id, path));
    const second = out(await upload(h, product.id, path));

    expect(first).toEqual({ image_url: product.imageUrls[1], image_urls: product.imageUrls, index: 1 });
    expect(second).toEqual({ ...first, already_uploaded: true });
    expect(product.imageUrls).toHaveLength(2);
    expect(requestLines(h.emulator)).toEqual([
      `GET /api/v1/products/${product.id} 200`,
      `POST /api/v1/products/${product.id}/images 201`,
      `GET /api/v1/products/${product.id} 200`,
    ]);
    expect(textOf(await upload(h, product.id, path))).toBe(
      `Nothing was sent: ${path} (the same bytes) was already uploaded to TracePass product ${product.id} ` +
        `and is still there as image 1 (2 of 20): ${first.image_url}. ` +
        'To add it a second time anyway, call again with allow_duplicate: true.',
    );
  });

  it('knows the bytes, not the name: a copy under another name is the same image', async () => {
    const h = await start();
    const product = h.emulator.addProduct();
    const first = out(await upload(h, product.id, h.ws.png('a.png')));
    const copy = out(await upload(h, product.id, h.ws.png('copy-of-a.png')));
    expect(copy).toEqual({ ...first, already_uploaded: true });
    expect(product.imageUrls).toHaveLength(1);
  });

  it('uploads again with allow_duplicate, and records the new image', async () => {
    const h = await start();
    const product = h.emulator.addProduct();
    const path = h.ws.png('a.png');
    const first = out(await upload(h, product.id, path));
    const forced = out(await upload(h, product.id, path, { allow_duplicate: true }));
    expect(forced.already_uploaded).toBeUndefined();
    expect(forced.index).toBe(1);
    expect(product.imageUrls).toEqual([first.image_url, forced.image_url]);
    // The record now names the newer image.
    expect(out(await upload(h, product.id, path))).toEqual({ ...forced, already_uploaded: true });
  });

  it('uploads again once the image was deleted from the product, and then knows the new one', async () => {
    const h = await start();
    const product = h.emulator.addProduct();
    const path = h.ws.png('a.png');
    const first = out(await upload(h, product.id, path));
    await h.call('tracepass_delete_image', { product_id: product.id, index: 0 });
    expect(product.imageUrls).toEqual([]);

    const again = out(await upload(h, product.id, path));
    expect(again.already_uploaded).toBeUndefined();
    expect(again.image_url).not.toBe(first.image_url);
    expect(product.imageUrls).toEqual([again.image_url]);
    expect(out(await upload(h, product.id, path))).toEqual({ ...again, already_uploaded: true });
  });

  it('uploads different bytes to the same product, and the same bytes to another product', async () => {
    const h = await start();
    const [one, two] = [h.emulator.addProduct(), h.emulator.addProduct()];
    const a = h.ws.png('a.png');
    out(await upload(h, one.id, a));
    const other = out(await upload(h, one.id, h.ws.png('b.png', 20_000)));
    const elsewhere = out(await upload(h, two.id, a));
    expect(other.already_uploaded).toBeUndefined();
    expect(elsewhere.already_uploaded).toBeUndefined();
    expect([one.imageUrls.length, two.imageUrls.length]).toEqual([2, 1]);
  });

  it('treats the same product id on another TracePass (base URL) as another product', async () => {
    const h = await start();
    const product = h.emulator.addProduct();
    const path = h.ws.png('a.png');
    out(await upload(h, product.id, path));

    const elsewhere = await startEmulator({ tracepass: { products: [{ id: product.id }] } });
    others.push(elsewhere);
    const second = await start({ on: h, env: { TRACEPASS_BASE_URL: elsewhere.url } });
    expect(out(await upload(second, product.id, path)).already_uploaded).toBeUndefined();
    expect(elsewhere.products.get(product.id)?.imageUrls).toHaveLength(1);
    // The same TracePass written with a trailing slash and the id in capitals is still the same.
    const same = await start({ on: h, env: { TRACEPASS_BASE_URL: `${h.emulator.url}/` } });
    expect(out(await upload(same, product.id.toUpperCase(), path)).already_uploaded).toBe(true);
    expect(product.imageUrls).toHaveLength(1);
  });

  it('remembers across a restart that uses the same state dir, not across another state dir', async () => {
    const h = await start();
    const product = h.emulator.addProduct();
    const path = h.ws.png('a.png');
    const state = { CATALOG_UPLOAD_STATE_DIR: join(h.ws.base, 'shared-state') };
    const before = await start({ on: h, env: state });
    const first = out(await upload(before, product.id, path));
    await before.close();
    opened.splice(opened.indexOf(before), 1);

    const restarted = await start({ on: h, env: state });
    expect(out(await upload(restarted, product.id, path))).toEqual({ ...first, already_uploaded: true });
    const other = await start({ on: h, env: { CATALOG_UPLOAD_STATE_DIR: join(h.ws.base, 'other-state') } });
    expect(out(await upload(other, product.id, path)).already_uploaded).toBeUndefined();
    expect(product.imageUrls).toHaveLength(2);
  });

  it('adds one image when two calls for the same bytes and product run at once', async () => {
    const h = await start();
    const product = h.emulator.addProduct();
    const path = h.ws.png('a.png', 2_000_000);
    const results = (await Promise.all([upload(h, product.id, path), upload(h, product.id, path)])).map(out);
    expect(product.imageUrls).toHaveLength(1);
    expect(results.map((r) => r.image_url)).toEqual([product.imageUrls[0], product.imageUrls[0]]);
    expect(results.map((r) => r.already_uploaded ?? false).sort()).toEqual([false, true]);
    expect(requestLines(h.emulator, 'POST')).toHaveLength(1);
  });
});
