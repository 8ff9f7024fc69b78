import { join } from 'node:path';
import type { Progress } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from '../emulator/helpers.js';
import { REVISIONS, openEraSession, type EraSession } from '../helpers/eras.js';
import { requestLines, requestsOf, sparsePng } from '../helpers/observe.js';
import { expectIncreasingToTotal } from '../helpers/progress.js';

// Progress and cancellation in both eras, over stdio against the built server.

const MB = 1_048_576;
/** Long enough that only a cancellation ends the wait. */
const HELD_MS = 20_000;
const STDIO_WAIT_MS = 5_000;

/** Room for the multipart boundaries and part headers around the file bytes. */
const FORM_OVERHEAD = 4096;

/** What the emulator received for the last upload: the bytes of its file parts. */
const partBytes = (s: EraSession) => (s.emulator.requests.at(-1)?.parts ?? []).map((part) => part.size);

describe.each(REVISIONS)('a %s client over stdio', (revision) => {
  let s: EraSession;
  beforeAll(async () => {
    s = await openEraSession(revision);
  });
  afterAll(() => s.close());
  beforeEach(() => s.emulator.reset());

  it('gets rising progress up to the whole body of a multi-MB Shopee batch', async () => {
    const paths = [0, 1].map((i) => sparsePng(join(s.ws.root, `big-${i}.png`), 3 * MB, `s${i}`));
    const seen: Progress[] = [];
    const result = await s.client.callTool(
      { name: 'shopee_upload_images', arguments: { paths, strip_metadata: false } },
      { onprogress: (p) => seen.push(p) },
    );
    expect(result.isError).toBeFalsy();
    expect(partBytes(s)).toEqual([3 * MB, 3 * MB]);
    expectIncreasingToTotal(seen, seen.at(-1)?.total ?? 0);
    expect(seen.at(-1)?.total).toBeGreaterThan(6 * MB);
    expect(seen.at(-1)?.total).toBeLessThan(6 * MB + FORM_OVERHEAD);
  });

  it('gets rising progress for a TracePass upload of a few MB', async () => {
    const product = s.emulator.addProduct();
    const path = sparsePng(join(s.ws.root, 'passport.png'), 4 * MB, 't');
    const seen: Progress[] = [];
    const result = await s.client.callTool(
      { name: 'tracepass_upload_image', arguments: { product_id: product.id, path, strip_metadata: false } },
      { onprogress: (p) => seen.push(p) },
    );
    expect(result.structuredContent).toMatchObject({ index: 0 });
    expect(partBytes(s)).toEqual([4 * MB]);
    expectIncreasingToTotal(seen, seen.at(-1)?.total ?? 0);
    expect(seen.at(-1)?.total).toBeGreaterThan(4 * MB);
    expect(seen.at(-1)?.total).toBeLessThan(4 * MB + FORM_OVERHEAD);
  });

  it('cancels a Shopee upload in flight: the upstream request is dropped, and the next call is served', async () => {
    const paths = [sparsePng(join(s.ws.root, 'held.png'), 2 * MB, 'h')];
    s.emulator.inject({ platform: 'shopee', kind: 'slow', delayMs: HELD_MS });
    const call = s.cancellable('shopee_upload_images', { paths, strip_metadata: false });
    await eventually(() => requestsOf(s.emulator, 'POST').length === 1, STDIO_WAIT_MS);

    call.cancel();
    await expect(call.result).rejects.toThrow(/cancel/);
    // The server aborted its own request: the emulator saw the connection go before it answered.
    await eventually(() => s.emulator.requests[0]?.status === 'dropped', STDIO_WAIT_MS);

    const next = await s.call('shopee_upload_images', { paths, strip_metadata: false });
    expect(next.isError).toBeFalsy();
    expect(requestLines(s.emulator)).toEqual([
      'POST /api/v2/media_space/upload_image dropped',
      'POST /api/v2/media_space/upload_image 200',
    ]);
  });

  it('cancels a TracePass upload in flight: at most one new image, and the next call is served', async () => {
    const product = s.emulator.addProduct();
    const held = sparsePng(join(s.ws.root, 'held-tp.png'), 2 * MB, 'held');
    const after = sparsePng(join(s.ws.root, 'after-tp.png'), MB, 'after');
    s.emulator.inject({ platform: 'tracepass', method: 'POST', kind: 'slow', delayMs: HELD_MS });
    const call = s.cancellable('tracepass_upload_image', {
      product_id: product.id,
      path: held,
      strip_metadata: false,
    });
    await eventually(() => requestsOf(s.emulator, 'POST').length === 1, STDIO_WAIT_MS);

    call.cancel();
    await expect(call.result).rejects.toThrow(/cancel/);
    await eventually(() => requestsOf(s.emulator, 'POST')[0]?.status === 'dropped', STDIO_WAIT_MS);
    const leftByCancelled = product.imageUrls.length;
    expect(leftByCancelled).toBeLessThanOrEqual(1);

    const next = await s.call('tracepass_upload_image', {
      product_id: product.id,
      path: after,
      strip_metadata: false,
    });
    expect(next.structuredContent).toMatchObject({ index: leftByCancelled });
    expect(product.imageUrls).toHaveLength(leftByCancelled + 1);
    // Nothing was resent for the cancelled call: one POST each.
    expect(requestLines(s.emulator, 'POST')).toEqual([
      `POST /api/v1/products/${product.id}/images dropped`,
      `POST /api/v1/products/${product.id}/images 201`,
    ]);
  });
});
