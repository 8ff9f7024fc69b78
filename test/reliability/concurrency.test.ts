import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { sha256Of, sparsePng } from '../helpers/observe.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const MB = 1024 * 1024;

type ShopeeOut = { images: { path: string; image_id?: string }[] };
type TracePassOut = { image_url: string; image_urls: string[]; index: number };

/**
 * Samples the memory the process holds live (heap and buffers, collected first: garbage is not held)
 * until stopped; returns the peak growth over the start. Needs node --expose-gc (vitest.config.ts).
 */
function watchLiveMemory(): () => number {
  const { gc } = globalThis;
  if (!gc) throw new Error('run under node --expose-gc (vitest.config.ts sets it)');
  const live = () => {
    gc();
    const { heapUsed, external } = process.memoryUsage();
    return heapUsed + external;
  };
  const start = live();
  let peak = start;
  // A full collection takes 100–300 ms on a loaded machine: sampling more often starves the calls.
  const timer = setInterval(() => (peak = Math.max(peak, live())), 500);
  return () => {
    clearInterval(timer);
    return Math.max(peak, live()) - start;
  };
}

// The files are sparse PNG headers, not images a strip can walk: they are sent as they are.
const ASIS = { strip_metadata: false };

describe('16 tool calls in flight in one session', () => {
  it('all complete with their own, correct results, streaming rather than holding the files', async () => {
    h = await startHarness();
    const { ws, emulator } = h;
    const file = (name: string, size: number) => sparsePng(join(ws.root, name), size, name);
    const batches = Array.from({ length: 8 }, (_, b) => [
      file(`s${b}-0.png`, 10 * MB),
      file(`s${b}-1.png`, 10 * MB),
    ]);
    const singles = Array.from({ length: 8 }, (_, i) => ({
      product: emulator.addProduct(),
      path: file(`t${i}.png`, 5 * MB),
    }));
    const totalBytes = 8 * 2 * 10 * MB + 8 * 5 * MB;
    // Load the lazily imported HTTP code first, so only the uploads count.
    await h.call('shopee_upload_images', { paths: [file('warm-up.png', 1_000)], ...ASIS });
    emulator.reset();

    const stop = watchLiveMemory();
    const [shopee, tracepass] = await Promise.all([
      Promise.all(batches.map((paths) => h!.call('shopee_upload_images', { paths, ...ASIS }))),
      Promise.all(
        singles.map(({ product, path }) =>
          h!.call('tracepass_upload_image', { product_id: product.id, path, ...ASIS }),
        ),
      ),
    ]);
    const growth = stop();

    for (const [b, result] of shopee.entries()) {
      expect(result.isError).toBeUndefined();
      const { images } = result.structuredContent as ShopeeOut;
      expect(images.map((image) => image.path)).toEqual(batches[b]);
      for (const image of images) {
        expect(emulator.shopeeImages.get(image.image_id!)?.sha256).toBe(await sha256Of(image.path));
      }
    }
    for (const [i, result] of tracepass.entries()) {
      const { product, path } = singles[i]!;
      const out = result.structuredContent as TracePassOut;
      expect(out).toEqual({ image_url: product.imageUrls[0], image_urls: product.imageUrls, index: 0 });
      expect(product.imageUrls).toHaveLength(1);
      const post = emulator.requests.find((r) => r.method === 'POST' && r.path.includes(product.id));
      expect(post?.parts[0]?.sha256).toBe(await sha256Of(path));
    }
    expect(emulator.shopeeImages.size).toBe(16);
    // Coarse on purpose: holding the files would take all 200 MB; streaming needs a few MB per call in
    // flight (here on both sides: the emulator shares the process). A third of it was exceeded once on
    // Node 24 under the full suite's load, so the line sits at half: still far below holding the files.
    expect(growth).toBeLessThan(totalBytes / 2);
  }, 90_000); // Sixteen uploads with a collection every 100 ms: slow on a loaded machine; time is not what it checks.
});
