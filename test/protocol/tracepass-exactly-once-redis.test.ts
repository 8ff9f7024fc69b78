import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { requestsOf } from '../helpers/observe.js';
import { describeWithRedis } from '../helpers/redis-server.js';

const opened: Harness[] = [];
afterEach(async () => {
  for (const h of opened.splice(0).reverse()) await h.close();
});

describeWithRedis('replicas sharing the upload record through LEDGER_URL', (redis) => {
  it('send an image once however the calls are spread over them, each with its own state dir', async () => {
    const first = await startHarness({ env: { LEDGER_URL: redis().url } });
    opened.push(first);
    const replica = (name: string) =>
      startHarness({
        on: first,
        env: { LEDGER_URL: redis().url, CATALOG_UPLOAD_STATE_DIR: join(first.ws.base, name) },
      });
    const [second, third] = await Promise.all([replica('b'), replica('c')]);
    opened.push(second, third);
    const product = first.emulator.addProduct();
    const path = first.ws.png('a.png', 2_000_000);
    const call = (h: Harness) => h.call('tracepass_upload_image', { product_id: product.id, path });

    const results = await Promise.all([call(first), call(second), call(third), call(second)]);
    expect(results.map((r) => r.isError)).toEqual([undefined, undefined, undefined, undefined]);
    expect(product.imageUrls).toHaveLength(1);
    expect(requestsOf(first.emulator, 'POST')).toHaveLength(1);
    const later = await call(third);
    expect(later.structuredContent).toMatchObject({
      image_url: product.imageUrls[0],
      already_uploaded: true,
    });
  });
});
