import { Transform } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileAccess } from '../../src/files/index.js';
import { eventually } from '../emulator/helpers.js';
import { startHarness, type Harness, type HarnessOptions } from '../helpers/harness.js';
import { descriptorsOn, requestLines, requestsOf } from '../helpers/observe.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/**
 * Lets the first chunk of every upload through and holds back the rest: an upload stuck mid-body. The
 * first read of each file (hashing it for the upload record) passes whole.
 */
function stallAfterFirstChunk(files: FileAccess): FileAccess {
  return {
    roots: files.roots,
    async openImages(paths, rule) {
      const images = await files.openImages(paths, rule);
      return images.map((image) => {
        let reads = 0;
        return {
          ...image,
          stream: () => {
            if (reads++ === 0) return image.stream();
            let first = true;
            const gate = new Transform({
              transform(chunk: Buffer, _encoding, done) {
                if (first) done(null, chunk);
                first = false;
              },
            });
            const source = image.stream();
            source.on('error', (error) => gate.destroy(error));
            return source.pipe(gate);
          },
        };
      });
    },
  };
}

/** Starts a tool call that the test can cancel, as an MCP client does with `notifications/cancelled`. */
function cancellable(h: Harness, name: string, args: Record<string, unknown>) {
  const controller = new AbortController();
  const result = h.client.callTool({ name, arguments: args }, { signal: controller.signal });
  result.catch(() => undefined);
  return { cancel: () => controller.abort('user cancelled'), result: result };
}

async function start(options: HarnessOptions = {}) {
  h = await startHarness(options);
  return h;
}

describe('cancelling a tool call', () => {
  it('aborts a TracePass upload mid-body: nothing stored, nothing resent, file closed', async () => {
    const h = await start({ files: stallAfterFirstChunk });
    const product = h.emulator.addProduct();
    const path = h.ws.png('big.png', 1_000_000);
    const call = cancellable(h, 'tracepass_upload_image', { product_id: product.id, path });
    await eventually(() => requestsOf(h.emulator, 'POST').length === 1);
    expect(descriptorsOn(path)).toBe(1);

    call.cancel();
    await expect(call.result).rejects.toThrow(/user cancelled/);
    await eventually(() => descriptorsOn(path) === 0);
    await eventually(() => requestsOf(h.emulator, 'POST')[0]?.status === 'dropped');
    expect(requestLines(h.emulator)).toEqual([
      `GET /api/v1/products/${product.id} 200`,
      `POST /api/v1/products/${product.id}/images dropped`,
    ]);
    expect(product.imageUrls).toEqual([]);
  });

  it('aborts a Shopee batch waiting for its answer, stops the retries, and keeps serving', async () => {
    const h = await start();
    const paths = [h.ws.png('a.png'), h.ws.jpeg('b.jpg')];
    h.emulator.inject({ platform: 'shopee', kind: 'status-5xx' });
    h.emulator.inject({ platform: 'shopee', kind: 'slow', delayMs: 10_000 });
    const call = cancellable(h, 'shopee_upload_images', { paths });
    await eventually(() => h.emulator.requests.length === 2);
    expect(paths.map(descriptorsOn)).toEqual([1, 1]);

    call.cancel();
    await expect(call.result).rejects.toThrow(/user cancelled/);
    await eventually(() => paths.every((path) => descriptorsOn(path) === 0));
    await eventually(() => h.emulator.requests[1]?.status === 'dropped');
    // The handler has returned (its files are closed): no third attempt can follow.
    expect(h.emulator.requests.map((r) => r.status)).toEqual([500, 'dropped']);

    const next = await h.call('shopee_upload_images', { paths });
    expect(next.isError).toBeUndefined();
    expect(h.emulator.requests.map((r) => r.status)).toEqual([500, 'dropped', 200]);
  });

  it('does not re-read or resend a TracePass upload cancelled while waiting for its answer', async () => {
    const h = await start();
    const product = h.emulator.addProduct();
    const path = h.ws.webp('a.webp');
    h.emulator.inject({ platform: 'tracepass', method: 'POST', kind: 'slow', delayMs: 10_000 });
    const call = cancellable(h, 'tracepass_upload_image', { product_id: product.id, path });
    await eventually(() => requestsOf(h.emulator, 'POST').length === 1);

    call.cancel();
    await expect(call.result).rejects.toThrow(/user cancelled/);
    await eventually(() => descriptorsOn(path) === 0);
    await eventually(() => requestsOf(h.emulator, 'POST')[0]?.status === 'dropped');
    expect(requestLines(h.emulator, 'POST')).toEqual([`POST /api/v1/products/${product.id}/images dropped`]);
    expect(requestLines(h.emulator, 'GET')).toHaveLength(1);

    // TracePass stored it before the answer was due; the next call on the session sees and adds to it.
    const next = await h.call('tracepass_upload_image', { product_id: product.id, path });
    expect(next.structuredContent).toMatchObject({ index: 1 });
    expect(product.imageUrls).toHaveLength(2);
  });
});
