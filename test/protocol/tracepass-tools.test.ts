import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PRODUCT_ID } from '../../src/emulator/index.js';
import { TRACEPASS_MAX } from '../helpers/fixtures.js';
import { startHarness, textOf, type Harness } from '../helpers/harness.js';
import { requestLines } from '../helpers/observe.js';

let h: Harness;
afterEach(async () => h?.close());

const urls = (n: number, product = 'p') =>
  Array.from({ length: n }, (_, i) => `https://cdn.example/${product}/${i}.jpg`);

describe('tracepass_upload_image', () => {
  it('reads the product, uploads the file as `file`, and returns the new image and its index', async () => {
    h = await startHarness();
    const product = h.emulator.addProduct({ imageUrls: urls(2) });
    const path = h.ws.webp('battery.webp');
    const result = await h.call('tracepass_upload_image', { product_id: product.id, path });
    expect(result.isError).toBeUndefined();
    const out = result.structuredContent as { image_url: string; image_urls: string[]; index: number };
    expect(out.index).toBe(2);
    expect(out.image_urls).toEqual([...urls(2), out.image_url]);
    expect(h.emulator.products.get(product.id)?.imageUrls).toEqual(out.image_urls);
    expect(requestLines(h.emulator)).toEqual([
      `GET /api/v1/products/${product.id} 200`,
      `POST /api/v1/products/${product.id}/images 201`,
    ]);
    expect(h.emulator.requests[1]?.parts).toEqual([
      expect.objectContaining({
        field: 'file',
        filename: 'battery.webp',
        contentType: 'image/webp',
        sha256: createHash('sha256').update(readFileSync(path)).digest('hex'),
      }),
    ]);
    expect(textOf(result)).toMatch(/as image 2 \(3 of 20\)/);
  });

  it('accepts a 20th image and refuses a 21st before sending any bytes', async () => {
    h = await startHarness();
    const product = h.emulator.addProduct({ imageUrls: urls(19) });
    const twentieth = await h.call('tracepass_upload_image', {
      product_id: product.id,
      path: h.ws.png('a.png'),
    });
    expect((twentieth.structuredContent as { index: number }).index).toBe(19);
    h.emulator.reset();
    const refused = await h.call('tracepass_upload_image', {
      product_id: product.id,
      // Other bytes than a.png: the same bytes would be a.png's image, already on the product.
      path: h.ws.png('b.png', 20_000),
    });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(
      /already has 20 images, the TracePass maximum is 20\. Nothing was uploaded\. Remove one with tracepass_delete_image/,
    );
    expect(requestLines(h.emulator)).toEqual([`GET /api/v1/products/${product.id} 200`]);
  });

  it('accepts exactly 5,242,880 bytes and refuses one byte more without sending', async () => {
    h = await startHarness();
    const at = await h.call('tracepass_upload_image', {
      product_id: DEMO_PRODUCT_ID,
      path: h.ws.jpeg('at.jpg', TRACEPASS_MAX),
    });
    expect(at.isError).toBeUndefined();
    expect(h.emulator.requests[1]?.parts[0]?.size).toBe(TRACEPASS_MAX);
    h.emulator.reset();
    const over = await h.call('tracepass_upload_image', {
      product_id: DEMO_PRODUCT_ID,
      path: h.ws.jpeg('over.jpg', TRACEPASS_MAX + 1),
    });
    expect(textOf(over)).toMatch(/is 5,242,881 bytes; TracePass accepts at most 5,242,880 bytes/);
    expect(h.emulator.requests).toEqual([]);
  });

  it.each([
    ['23 hex characters', 'a'.repeat(23)],
    ['25 hex characters', 'a'.repeat(25)],
    ['non-hex characters', 'g'.repeat(24)],
    ['a path traversal', '../../admin/aaaaaaaaaaaa'],
  ])('refuses a product_id of %s in the schema', async (_name, productId) => {
    h = await startHarness();
    const result = await h.call('tracepass_upload_image', { product_id: productId, path: h.ws.png('a.png') });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/product_id must be 24 hexadecimal characters/);
    expect(h.emulator.requests).toEqual([]);
  });

  it('refuses an unknown product after reading it, without uploading', async () => {
    h = await startHarness();
    const result = await h.call('tracepass_upload_image', {
      product_id: 'b'.repeat(24),
      path: h.ws.png('a.png'),
    });
    expect(textOf(result)).toMatch(
      /TracePass could not read product b{24} \(HTTP 404: "Product not found"\)\. TracePass has no product b{24} for this key: check product_id\./,
    );
    expect(requestLines(h.emulator)).toEqual([`GET /api/v1/products/${'b'.repeat(24)} 404`]);
  });

  it('names TRACEPASS_API_KEY when it is missing, and when TracePass rejects it', async () => {
    h = await startHarness({ env: { TRACEPASS_API_KEY: '' } });
    const missing = await h.call('tracepass_upload_image', {
      product_id: DEMO_PRODUCT_ID,
      path: h.ws.png('a.png'),
    });
    expect(textOf(missing)).toMatch(/TracePass is not configured: set TRACEPASS_API_KEY/);
    expect(h.emulator.requests).toEqual([]);
    await h.close();

    h = await startHarness({ env: { TRACEPASS_API_KEY: 'tp_wrong_key_value' } });
    const wrong = await h.call('tracepass_upload_image', {
      product_id: DEMO_PRODUCT_ID,
      path: h.ws.png('a.png'),
    });
    expect(textOf(wrong)).toMatch(
      /\(HTTP 401: "Invalid API key"\)\. TracePass rejected the API key: check TRACEPASS_API_KEY/,
    );
    expect(textOf(wrong)).not.toContain('tp_wrong_key_value');
    expect(requestLines(h.emulator)).toEqual([`GET /api/v1/products/${DEMO_PRODUCT_ID} 401`]);
  });

  it('explains a read-only key (403)', async () => {
    h = await startHarness({
      emulator: { tracepass: { readOnlyKeys: ['tp_read_only'] } },
      env: { TRACEPASS_API_KEY: 'tp_read_only' },
    });
    const result = await h.call('tracepass_upload_image', {
      product_id: DEMO_PRODUCT_ID,
      path: h.ws.png('a.png'),
    });
    expect(textOf(result)).toMatch(
      /HTTP 403: "API key lacks the products:write scope"\)\. The key is not allowed to do this/,
    );
    expect(h.emulator.products.get(DEMO_PRODUCT_ID)?.imageUrls).toEqual([]);
  });

  it('does not retry the daily budget (429) and says when it resets', async () => {
    h = await startHarness();
    h.emulator.inject({ platform: 'tracepass', method: 'POST', kind: 'rate-limit' });
    const result = await h.call('tracepass_upload_image', {
      product_id: DEMO_PRODUCT_ID,
      path: h.ws.png('a.png'),
    });
    expect(textOf(result)).toMatch(
      /daily API budget is used up; it resets at 00:00 UTC \(in \d+ h \d+ min\)/,
    );
    expect(requestLines(h.emulator).filter((line) => line.startsWith('POST'))).toHaveLength(1);
  });
});

describe('tracepass_delete_image', () => {
  it('deletes by index and reports the removed URL and the remaining list', async () => {
    h = await startHarness();
    const product = h.emulator.addProduct({ imageUrls: urls(3) });
    const result = await h.call('tracepass_delete_image', { product_id: product.id, index: 1 });
    expect(result.structuredContent).toEqual({
      deleted_url: urls(3)[1],
      image_urls: [urls(3)[0], urls(3)[2]],
    });
    expect(h.emulator.products.get(product.id)?.imageUrls).toEqual([urls(3)[0], urls(3)[2]]);
  });

  it('reads the product for image_urls when TracePass answers 204 with no body', async () => {
    h = await startHarness({ emulator: { tracepass: { deleteStatus: 204 } } });
    const product = h.emulator.addProduct({ imageUrls: urls(2) });
    const result = await h.call('tracepass_delete_image', { product_id: product.id, index: 0 });
    expect(result.structuredContent).toEqual({ deleted_url: urls(2)[0], image_urls: [urls(2)[1]] });
    expect(requestLines(h.emulator)).toEqual([
      `GET /api/v1/products/${product.id} 200`,
      `DELETE /api/v1/products/${product.id}/images/0 204`,
      `GET /api/v1/products/${product.id} 200`,
    ]);
  });

  it('deletes nothing when expected_url does not match, and says where that image is', async () => {
    h = await startHarness();
    const product = h.emulator.addProduct({ imageUrls: urls(3) });
    const result = await h.call('tracepass_delete_image', {
      product_id: product.id,
      index: 0,
      expected_url: urls(3)[2],
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /Nothing was deleted\. The expected image is now at index 2: call again with index 2\./,
    );
    expect(h.emulator.products.get(product.id)?.imageUrls).toEqual(urls(3));
    expect(requestLines(h.emulator).some((line) => line.startsWith('DELETE'))).toBe(false);

    const matched = await h.call('tracepass_delete_image', {
      product_id: product.id,
      index: 2,
      expected_url: urls(3)[2],
    });
    expect(matched.structuredContent).toEqual({ deleted_url: urls(3)[2], image_urls: urls(2) });
  });

  it('accepts index 0 and 19 and refuses -1, 20 and 1.5 in the schema', async () => {
    h = await startHarness();
    const product = h.emulator.addProduct({ imageUrls: urls(20) });
    for (const index of [-1, 20, 1.5]) {
      const result = await h.call('tracepass_delete_image', { product_id: product.id, index });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/index/);
    }
    expect(h.emulator.requests).toEqual([]);
    expect(
      (await h.call('tracepass_delete_image', { product_id: product.id, index: 19 })).structuredContent,
    ).toMatchObject({
      deleted_url: urls(20)[19],
    });
    expect(
      (await h.call('tracepass_delete_image', { product_id: product.id, index: 0 })).structuredContent,
    ).toMatchObject({
      deleted_url: urls(20)[0],
    });
  });

  it('refuses an index past the end of the product, without sending a DELETE', async () => {
    h = await startHarness();
    const product = h.emulator.addProduct({ imageUrls: urls(2) });
    const result = await h.call('tracepass_delete_image', { product_id: product.id, index: 5 });
    expect(textOf(result)).toMatch(
      /has 2 images, so there is no image at index 5 \(valid indices are 0–1\)\. Nothing was deleted\./,
    );
    expect(requestLines(h.emulator)).toEqual([`GET /api/v1/products/${product.id} 200`]);
  });
});
