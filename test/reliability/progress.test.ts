import { join } from 'node:path';
import type { Progress } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { recordingAgent, sparsePng, type RecordingAgent } from '../helpers/observe.js';
import { expectIncreasingToTotal } from '../helpers/progress.js';

let h: Harness | undefined;
let agent: RecordingAgent | undefined;
afterEach(async () => {
  await h?.close();
  await agent?.close();
  h = agent = undefined;
});

/** The reporter's floor between two notifications (src/tools/progress.ts). */
const MIN_INTERVAL_MS = 200;

async function start(): Promise<Harness> {
  agent = recordingAgent();
  h = await startHarness({ dispatcher: agent.dispatcher });
  return h;
}

async function callWithProgress(h: Harness, name: string, args: Record<string, unknown>) {
  const seen: Progress[] = [];
  const started = performance.now();
  const result = await h.client.callTool(
    { name, arguments: args },
    {
      onprogress: (progress) => seen.push(progress),
    },
  );
  return { result, seen, elapsedMs: performance.now() - started };
}

// The files are sparse PNG headers, not images a strip can walk: they are sent as they are.
const ASIS = { strip_metadata: false };

describe('progress notifications', () => {
  it('count the bytes of a whole multi-MB batch, rising to its total, a few at most per 200 ms', async () => {
    const h = await start();
    const paths = Array.from({ length: 8 }, (_, i) =>
      sparsePng(join(h.ws.root, `p${i}.png`), 1_048_576, `${i}`),
    );
    const { result, seen, elapsedMs } = await callWithProgress(h, 'shopee_upload_images', { paths, ...ASIS });
    expect(result.isError).toBeUndefined();
    const [total] = agent!.bodyLengths;
    expect(total).toBeGreaterThan(8 * 1_048_576);
    expectIncreasingToTotal(seen, total!);
    // The body streams in 256 KiB reads, over 32 of them; notifications are throttled, not per chunk.
    expect(seen.length).toBeLessThanOrEqual(2 + elapsedMs / MIN_INTERVAL_MS);
    expect(seen.at(-1)?.message).toBe(
      `Uploading 8 image(s) to Shopee: 100% of ${total!.toLocaleString('en-US')} bytes`,
    );
  });

  it('never go back when a TracePass upload is resent', async () => {
    const h = await start();
    const product = h.emulator.addProduct();
    h.emulator.inject({ platform: 'tracepass', method: 'POST', kind: 'status-5xx' });
    const path = sparsePng(join(h.ws.root, 'a.png'), 3_000_000, 'a');
    const { result, seen } = await callWithProgress(h, 'tracepass_upload_image', {
      ...ASIS,
      product_id: product.id,
      path,
    });
    expect(result.isError).toBeUndefined();
    expect(agent!.bodyLengths).toHaveLength(2);
    expectIncreasingToTotal(seen, agent!.bodyLengths[0]!);
  });

  it('are not sent when the request carries no progress token', async () => {
    const h = await start();
    // Watched on the wire, before the client's own checks could drop a malformed notification.
    const notifications: unknown[] = [];
    const transport = h.client.transport!;
    const deliver = transport.onmessage;
    transport.onmessage = (message, extra) => {
      if ('method' in message && message.method === 'notifications/progress') notifications.push(message);
      deliver?.(message, extra);
    };
    const paths = [sparsePng(join(h.ws.root, 'a.png'), 2_000_000, 'a')];
    const result = await h.call('shopee_upload_images', { paths, ...ASIS });
    expect(result.isError).toBeUndefined();
    expect(notifications).toEqual([]);
  });
});
