import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, textOf, type Harness } from '../helpers/harness.js';
import { requestLines } from '../helpers/observe.js';

const MiB = 1024 * 1024;
/**
 * How far the emulator may get ahead of a server that stopped at 1 MiB: what the loopback sockets
 * and undici buffer. A server that read the endless body would take hundreds of MiB in the same time.
 */
const BUFFERED = 16 * MiB;

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const TOO_LARGE =
  /answered with more than 1,048,576 bytes, far more than any real answer, so it was not read\./;

/** Waits until the emulator has stopped writing the answer, and returns how much it wrote. */
async function writtenWhenStopped(h: Harness, index: number): Promise<number> {
  let last = -1;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = h.emulator.requests[index]?.answerBytes ?? 0;
    if (now === last) return now;
    last = now;
  }
}

describe('an upstream answer over 1 MiB', () => {
  it('stops reading an endless TracePass answer, fails the call saying what to check, and does not resend', async () => {
    h = await startHarness();
    const product = h.emulator.addProduct();
    h.emulator.inject({ platform: 'tracepass', kind: 'huge-body' });
    const result = await h.call('tracepass_list_images', { product_id: product.id });

    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(TOO_LARGE);
    expect(textOf(result)).toMatch(
      /Check TRACEPASS_BASE_URL: it may point at something other than the TracePass API\./,
    );
    expect(requestLines(h.emulator)).toEqual([`GET /api/v1/products/${product.id} 200`]);
    expect(await writtenWhenStopped(h, 0)).toBeLessThan(MiB + BUFFERED);
  });

  it('refuses a TracePass upload whose product read is oversized before sending any bytes', async () => {
    h = await startHarness();
    const product = h.emulator.addProduct();
    h.emulator.inject({ platform: 'tracepass', method: 'GET', kind: 'huge-body', bytes: 2 * MiB });
    const result = await h.call('tracepass_upload_image', {
      product_id: product.id,
      path: h.ws.png('a.png'),
    });

    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(TOO_LARGE);
    expect(requestLines(h.emulator)).toEqual([`GET /api/v1/products/${product.id} 200`]);
    expect(product.imageUrls).toEqual([]);
  });

  it('fails a Shopee upload answered with 2 MiB, without resending the batch', async () => {
    h = await startHarness();
    h.emulator.inject({ platform: 'shopee', kind: 'huge-body', bytes: 2 * MiB });
    const result = await h.call('shopee_upload_images', { paths: [h.ws.png('a.png'), h.ws.jpeg('b.jpg')] });

    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(TOO_LARGE);
    expect(textOf(result)).toMatch(/Check SHOPEE_BASE_URL \/ SHOPEE_REGION/);
    expect(requestLines(h.emulator)).toEqual(['POST /api/v2/media_space/upload_image 200']);
    expect(await writtenWhenStopped(h, 0)).toBeLessThan(2 * MiB + 1);
    // The server still works: the next call is answered normally.
    expect((await h.call('shopee_upload_images', { paths: [h.ws.png('c.png')] })).isError).toBeUndefined();
  });
});
