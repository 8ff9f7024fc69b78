import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, textOf, type Harness } from '../helpers/harness.js';
import { requestLines } from '../helpers/observe.js';

let h: Harness;
afterEach(async () => h?.close());

const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://cdn.example/l/${i}.jpg`);

describe('tracepass_list_images', () => {
  it.each([
    [0, 20],
    [19, 1],
    [20, 0],
  ])('lists a product with %i image(s), room for %i more, with one GET and nothing else', async (n, room) => {
    h = await startHarness();
    const product = h.emulator.addProduct({ imageUrls: urls(n) });
    const result = await h.call('tracepass_list_images', { product_id: product.id });
    expect(result.isError).toBeUndefined();
    expect(result.structuredContent).toEqual({
      product_id: product.id,
      image_urls: urls(n),
      count: n,
      room_left: room,
    });
    expect(requestLines(h.emulator)).toEqual([`GET /api/v1/products/${product.id} 200`]);
    expect(textOf(result)).toContain(`has ${n} image(s); room for ${room} more.`);
  });

  it('says when the product does not exist, and what to check', async () => {
    h = await startHarness();
    const result = await h.call('tracepass_list_images', { product_id: 'c'.repeat(24) });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /HTTP 404: "Product not found"\)\. TracePass has no product c{24} for this key: check product_id/,
    );
  });

  it('names TRACEPASS_API_KEY when TracePass is not configured, and sends nothing', async () => {
    h = await startHarness({ env: { TRACEPASS_API_KEY: '' } });
    const result = await h.call('tracepass_list_images', { product_id: 'c'.repeat(24) });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/TracePass is not configured: set TRACEPASS_API_KEY/);
    expect(h.emulator.requests).toEqual([]);
  });

  it('is announced as read-only', async () => {
    h = await startHarness();
    const { tools } = await h.client.listTools();
    expect(tools.find((t) => t.name === 'tracepass_list_images')?.annotations).toEqual({
      readOnlyHint: true,
      openWorldHint: true,
    });
  });
});
