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

async function uploadWith(fault: Fault | undefined, options: HarnessOptions = {}) {
  h = await startHarness(options);
  const product = h.emulator.addProduct({ imageUrls: ['https://cdn.example/first.png'] });
  if (fault) h.emulator.inject(fault);
  const result = await h.call('tracepass_upload_image', { product_id: product.id, path: h.ws.png('a.png') });
  const read = `GET /api/v1/products/${product.id} 200`;
  const post = (status: number | 'dropped') => `POST /api/v1/products/${product.id}/images ${status}`;
  return { h, result, product, read, post, stored: () => h!.emulator.products.get(product.id)!.imageUrls };
}

function expectOneNewImage(out: Awaited<ReturnType<typeof uploadWith>>): void {
  expect(out.result.isError).toBeUndefined();
  const stored = out.stored();
  expect(stored).toHaveLength(2);
  expect(out.result.structuredContent).toEqual({ image_url: stored[1], image_urls: stored, index: 1 });
}

describe('tracepass_upload_image never stores an image twice', () => {
  it('takes the image TracePass stored when the connection drops after storing (no resend)', async () => {
    const out = await uploadWith({ platform: 'tracepass', method: 'POST', kind: 'drop-after-store' });
    expectOneNewImage(out);
    expect(requestLines(out.h.emulator)).toEqual([out.read, out.post('dropped'), out.read]);
    expect(out.h.logs).toContainEqual(
      expect.stringMatching(/^warning: TracePass stored the image although the upload answer was lost/),
    );
  });

  it('takes the stored image after a timeout (slow answer), without resending', async () => {
    const out = await uploadWith(
      { platform: 'tracepass', method: 'POST', kind: 'slow', delayMs: 10_000 },
      { env: { UPLOAD_TIMEOUT_MS: '300' } },
    );
    expectOneNewImage(out);
    expect(requestLines(out.h.emulator)).toEqual([out.read, out.post('dropped'), out.read]);
  });

  it('takes the stored image when the answer is malformed JSON', async () => {
    const out = await uploadWith({ platform: 'tracepass', method: 'POST', kind: 'malformed-json' });
    expectOneNewImage(out);
    expect(requestLines(out.h.emulator)).toEqual([out.read, out.post(201), out.read]);
  });

  it.each([
    ['the connection drops before storing', { kind: 'drop-before-store' }, 'dropped'],
    ['TracePass answers 500', { kind: 'status-5xx' }, 500],
    ['a gateway answers an HTML 502 page', { kind: 'html-502' }, 502],
  ] as const)('resends once when %s and nothing was stored', async (_name, fault, status) => {
    const out = await uploadWith({ platform: 'tracepass', method: 'POST', ...fault });
    expectOneNewImage(out);
    expect(requestLines(out.h.emulator)).toEqual([out.read, out.post(status), out.read, out.post(201)]);
    expect(out.h.logs).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^warning: TracePass upload to product ${out.product.id} failed, retrying \\(attempt 2 of 3 in \\d+ ms\\) `,
        ),
      ),
    );
  });

  it('gives up after 3 uploads that stored nothing, having checked after each', async () => {
    const out = await uploadWith({ platform: 'tracepass', method: 'POST', kind: 'status-5xx', times: 3 });
    expect(out.result.isError).toBe(true);
    expect(textOf(out.result)).toMatch(
      /TracePass could not upload the image to product \w+ \(HTTP 500: "Internal server error"\)\. TracePass had a server problem/,
    );
    expect(requestLines(out.h.emulator)).toEqual([
      out.read,
      ...Array(3)
        .fill([out.post(500), out.read])
        .flat(),
    ]);
    expect(out.stored()).toEqual(['https://cdn.example/first.png']);
  });
});

describe('tracepass_upload_image does not resend a refusal', () => {
  it('stops at the daily budget (429) with one POST and says when it resets', async () => {
    const out = await uploadWith({ platform: 'tracepass', method: 'POST', kind: 'rate-limit' });
    expect(out.result.isError).toBe(true);
    expect(textOf(out.result)).toMatch(/resets at 00:00 UTC \(in \d+ h \d+ min\)\. Try again after that/);
    expect(requestLines(out.h.emulator)).toEqual([out.read, out.post(429)]);
    expect(out.stored()).toHaveLength(1);
  });

  it('stops at a 403 (read-only key) with one POST', async () => {
    const out = await uploadWith(undefined, {
      emulator: { tracepass: { readOnlyKeys: ['tp_read_only'] } },
      env: { TRACEPASS_API_KEY: 'tp_read_only' },
    });
    expect(textOf(out.result)).toMatch(/HTTP 403: "API key lacks the products:write scope"/);
    expect(requestLines(out.h.emulator)).toEqual([out.read, out.post(403)]);
  });

  it('stops at a 422 when the product filled up after it was read, with one POST', async () => {
    h = await startHarness();
    const product = h.emulator.addProduct();
    // The read answers an empty product, then lingers while another client fills it to 20.
    h.emulator.inject({ platform: 'tracepass', method: 'GET', kind: 'slow', delayMs: 200 });
    const pending = h.call('tracepass_upload_image', { product_id: product.id, path: h.ws.png('a.png') });
    await eventually(() => h!.emulator.requests.length === 1);
    product.imageUrls.push(...Array.from({ length: 20 }, (_, i) => `https://cdn.example/${i}.png`));
    const result = await pending;
    expect(textOf(result)).toMatch(
      /HTTP 422: "Product already has 20 images \(max\)\. Delete one first\."\)/,
    );
    expect(requestLines(h.emulator, 'POST')).toEqual([`POST /api/v1/products/${product.id}/images 422`]);
    expect(product.imageUrls).toHaveLength(20);
  });
});
