import { afterEach, describe, expect, it } from 'vitest';
import type { Fault } from '../../src/emulator/index.js';
import { eventually } from '../emulator/helpers.js';
import { startHarness, textOf, type Harness, type HarnessOptions } from '../helpers/harness.js';
import { requestLines } from '../helpers/observe.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const urls = ['https://cdn.example/0.png', 'https://cdn.example/1.png', 'https://cdn.example/2.png'];

async function deleteWith(fault: Fault, options: HarnessOptions = {}) {
  h = await startHarness(options);
  const product = h.emulator.addProduct({ imageUrls: urls });
  h.emulator.inject(fault);
  const result = await h.call('tracepass_delete_image', {
    product_id: product.id,
    index: 1,
    expected_url: urls[1],
  });
  const read = `GET /api/v1/products/${product.id} 200`;
  const del = (status: number | 'dropped') => `DELETE /api/v1/products/${product.id}/images/1 ${status}`;
  return { h, result, product, read, del };
}

describe('tracepass_delete_image never resends a DELETE whose outcome is unknown', () => {
  it.each([
    ['the connection drops after deleting', { kind: 'drop-after-store' }, {}],
    ['the answer times out after deleting', { kind: 'slow', delayMs: 10_000 }, { UPLOAD_TIMEOUT_MS: '300' }],
  ] as const)('reports the delete done when %s, from a fresh read', async (_name, fault, env) => {
    const out = await deleteWith({ platform: 'tracepass', method: 'DELETE', ...fault }, { env });
    expect(out.result.isError).toBeUndefined();
    expect(out.result.structuredContent).toEqual({ deleted_url: urls[1], image_urls: [urls[0], urls[2]] });
    expect(requestLines(out.h.emulator)).toEqual([out.read, out.del('dropped'), out.read]);
    expect(out.product.imageUrls).toEqual([urls[0], urls[2]]);
  });

  it.each([
    ['the connection drops before deleting', { kind: 'drop-before-store' }, 'dropped'],
    ['TracePass answers 500', { kind: 'status-5xx' }, 500],
    ['a gateway answers an HTML 502 page', { kind: 'html-502' }, 502],
  ] as const)('reports the image still there when %s, and does not resend', async (_name, fault, status) => {
    const out = await deleteWith({ platform: 'tracepass', method: 'DELETE', ...fault });
    expect(out.result.isError).toBe(true);
    expect(textOf(out.result)).toMatch(
      /The image is still on the product, now at index 1 of 3; the DELETE was not resent because indices shift\. To retry safely, call tracepass_delete_image with index 1 and expected_url https:\/\/cdn\.example\/1\.png\.$/,
    );
    expect(requestLines(out.h.emulator)).toEqual([out.read, out.del(status), out.read]);
    expect(out.product.imageUrls).toEqual(urls);
  });

  it('says the outcome is unknown when the product cannot be read afterwards', async () => {
    h = await startHarness();
    const product = h.emulator.addProduct({ imageUrls: urls });
    // The first read lingers so the faults for the later ones can be queued behind it.
    h.emulator.inject({ platform: 'tracepass', method: 'GET', kind: 'slow', delayMs: 100 });
    h.emulator.inject({ platform: 'tracepass', method: 'DELETE', kind: 'drop-before-store' });
    const pending = h.call('tracepass_delete_image', { product_id: product.id, index: 1 });
    await eventually(() => h!.emulator.requests.length === 1);
    h.emulator.inject({ platform: 'tracepass', method: 'GET', kind: 'status-5xx', times: 3 });
    const result = await pending;
    expect(textOf(result)).toMatch(
      /The product could not be read afterwards, so whether the image was deleted is unknown; the DELETE was not resent because indices shift\. Call tracepass_delete_image with index 1 and expected_url https:\/\/cdn\.example\/1\.png: it checks the product first/,
    );
    expect(requestLines(h.emulator, 'DELETE')).toHaveLength(1);
    expect(product.imageUrls).toEqual(urls);
  });

  it('reads the list afresh when the DELETE answer is malformed JSON', async () => {
    const out = await deleteWith({ platform: 'tracepass', method: 'DELETE', kind: 'malformed-json' });
    expect(out.result.structuredContent).toEqual({ deleted_url: urls[1], image_urls: [urls[0], urls[2]] });
    expect(requestLines(out.h.emulator)).toEqual([out.read, out.del(200), out.read]);
  });

  it('does not resend the daily budget (429) and deletes nothing', async () => {
    const out = await deleteWith({ platform: 'tracepass', method: 'DELETE', kind: 'rate-limit' });
    expect(textOf(out.result)).toMatch(
      /HTTP 429: "Daily request budget exhausted\. Resets at 00:00 UTC\."\)\..*resets at 00:00 UTC/,
    );
    expect(requestLines(out.h.emulator)).toEqual([out.read, out.del(429)]);
    expect(out.product.imageUrls).toEqual(urls);
  });
});
