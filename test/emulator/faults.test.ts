import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PRODUCT_ID, startEmulator, type Emulator } from '../../src/emulator/index.js';
import {
  bearer,
  call,
  eventually,
  images,
  jpeg,
  png,
  shopeeUpload,
  signedParams,
  tracepassUpload,
  type ShopeeUploadBody,
} from './helpers.js';

const BAD_GATEWAY =
  '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>';
const SHOPS_PATH = '/api/v2/public/get_shops_by_partner';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  const demo = emu.products.get(DEMO_PRODUCT_ID);
  if (demo) demo.imageUrls.length = 0;
});

const demoImages = (): number => emu.products.get(DEMO_PRODUCT_ID)?.imageUrls.length ?? -1;
const upload = (): ReturnType<typeof tracepassUpload> =>
  tracepassUpload(emu, DEMO_PRODUCT_ID, { data: jpeg() });
const readDemo = (): ReturnType<typeof call> =>
  call(`${emu.url}/api/v1/products/${DEMO_PRODUCT_ID}`, { headers: bearer() });

describe('connection faults', () => {
  it('drop-before-store closes the connection and stores nothing', async () => {
    emu.inject({ platform: 'tracepass', kind: 'drop-before-store' });
    await expect(upload()).rejects.toThrow();
    expect(demoImages()).toBe(0);
    expect(emu.requests[0]).toMatchObject({ status: 'dropped', parts: [] });
    expect((await upload()).status).toBe(201);
  });

  it('drop-after-store stores the image, then closes the connection', async () => {
    emu.inject({ platform: 'tracepass', kind: 'drop-after-store' });
    await expect(upload()).rejects.toThrow();
    expect(demoImages()).toBe(1);
    expect(emu.requests[0]?.status).toBe('dropped');
    expect(emu.requests[0]?.parts).toHaveLength(1);
  });

  it('drop-after-store on Shopee keeps the uploaded images', async () => {
    emu.inject({ platform: 'shopee', kind: 'drop-after-store' });
    await expect(shopeeUpload(emu, images([jpeg(), png()]))).rejects.toThrow();
    expect(emu.shopeeImages.size).toBe(2);
  });

  it('slow answers normally after the delay', async () => {
    emu.inject({ platform: 'tracepass', kind: 'slow', delayMs: 300 });
    const started = Date.now();
    const answer = await upload();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(answer.status).toBe(201);
  });

  it('slow gives up waiting when the client goes away', async () => {
    emu.inject({ platform: 'tracepass', kind: 'slow', delayMs: 10_000 });
    await expect(
      call(`${emu.url}/api/v1/products`, { headers: bearer(), signal: AbortSignal.timeout(100) }),
    ).rejects.toThrow();
    await eventually(() => emu.requests[0]?.status === 'dropped');
  });
});

describe('error faults store nothing', () => {
  it('status-5xx answers the platform error JSON', async () => {
    emu.inject({ platform: 'shopee', kind: 'status-5xx' });
    emu.inject({ platform: 'tracepass', kind: 'status-5xx', status: 503 });
    const shopee = await shopeeUpload(emu, images([jpeg()]));
    expect(shopee.status).toBe(500);
    expect(shopee.json).toEqual({
      request_id: expect.any(String),
      error: 'error_server',
      message: 'Something wrong. Please try later.',
    });
    const tracepass = await upload();
    expect([tracepass.status, tracepass.json]).toEqual([503, { error: 'Internal server error' }]);
    expect(emu.shopeeImages.size).toBe(0);
    expect(demoImages()).toBe(0);
    expect(emu.requests[1]?.parts).toHaveLength(1);
  });

  it('rate-limit answers 429 on both platforms', async () => {
    emu.inject({ platform: 'shopee', kind: 'rate-limit' });
    emu.inject({ platform: 'tracepass', kind: 'rate-limit' });
    const shopee = await shopeeUpload(emu, images([jpeg()]));
    expect(shopee.status).toBe(429);
    expect(shopee.json).toMatchObject({ error: 'error_rate_limit' });
    const tracepass = await upload();
    expect([tracepass.status, tracepass.json]).toEqual([
      429,
      { error: 'Daily request budget exhausted. Resets at 00:00 UTC.' },
    ]);
    expect(demoImages()).toBe(0);
  });

  it('rate-limit follows errorStatus 200 on Shopee', async () => {
    const e = await startEmulator({ shopee: { errorStatus: 200 } });
    try {
      e.inject({ platform: 'shopee', kind: 'rate-limit' });
      const answer = await shopeeUpload(e, images([jpeg()]));
      expect([answer.status, (answer.json as ShopeeUploadBody).error]).toEqual([200, 'error_rate_limit']);
    } finally {
      await e.close();
    }
  });

  it('shopee-error answers the given error, with the given status or the mapped one', async () => {
    emu.inject({
      platform: 'shopee',
      kind: 'shopee-error',
      error: 'error_auth',
      message: 'No permission to current api.',
    });
    emu.inject({
      platform: 'shopee',
      kind: 'shopee-error',
      error: 'error_network',
      message: 'Inner http call failed',
      status: 502,
    });
    const mapped = await shopeeUpload(emu, images([jpeg()]));
    expect([mapped.status, mapped.json]).toEqual([
      403,
      { request_id: expect.any(String), error: 'error_auth', message: 'No permission to current api.' },
    ]);
    const explicit = await shopeeUpload(emu, images([jpeg()]));
    expect(explicit.status).toBe(502);
    expect(emu.shopeeImages.size).toBe(0);
  });

  it('html-502 answers a gateway page', async () => {
    emu.inject({ platform: 'tracepass', kind: 'html-502' });
    const answer = await upload();
    expect(answer.status).toBe(502);
    expect(answer.headers['content-type']).toBe('text/html');
    expect(answer.text).toBe(BAD_GATEWAY);
    expect(demoImages()).toBe(0);
  });
});

describe('answer faults', () => {
  it('malformed-json stores the image and answers truncated JSON', async () => {
    emu.inject({ platform: 'tracepass', kind: 'malformed-json' });
    const answer = await upload();
    expect(answer.status).toBe(201);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(() => JSON.parse(answer.text) as unknown).toThrow();
    expect(answer.text.length).toBeGreaterThan(0);
    expect(demoImages()).toBe(1);
  });

  it('malformed-json turns a 204 delete into a broken 200', async () => {
    const e = await startEmulator({ tracepass: { deleteStatus: 204, products: [{ imageUrls: ['a'] }] } });
    try {
      const [product] = e.products.values();
      e.inject({ platform: 'tracepass', kind: 'malformed-json' });
      const answer = await call(`${e.url}/api/v1/products/${product?.id}/images/0`, {
        method: 'DELETE',
        headers: bearer(),
      });
      expect(answer.status).toBe(200);
      expect(() => JSON.parse(answer.text) as unknown).toThrow();
      expect(product?.imageUrls).toEqual([]);
    } finally {
      await e.close();
    }
  });

  it('partial-failure fails the chosen image indices only', async () => {
    emu.inject({ platform: 'shopee', kind: 'partial-failure', failIndices: [1] });
    const body = (await shopeeUpload(emu, images([jpeg(), jpeg(), jpeg()]))).json as ShopeeUploadBody;
    expect(body.error).toBe('');
    expect(body.response?.image_info_list?.map(({ id, error, message }) => ({ id, error, message }))).toEqual(
      [
        { id: 0, error: '', message: '' },
        { id: 1, error: 'error_tier_img_partial', message: 'Interal error, please contact openapi team.' },
        { id: 2, error: '', message: '' },
      ],
    );
    expect(emu.shopeeImages.size).toBe(2);
  });

  it('partial-failure waits for an upload and takes a custom error', async () => {
    emu.inject({
      platform: 'shopee',
      kind: 'partial-failure',
      failIndices: [0],
      error: 'error_busy',
      message: 'busy',
    });
    const shops = await call(`${emu.url}${SHOPS_PATH}?${signedParams({ path: SHOPS_PATH })}`);
    expect(shops.status).toBe(200);
    const body = (await shopeeUpload(emu, images([jpeg()]))).json as ShopeeUploadBody;
    expect(body.response?.image_info_list?.[0]).toEqual({ id: 0, error: 'error_busy', message: 'busy' });
  });
});

describe('fault matching', () => {
  it('skips requests of another method or platform', async () => {
    emu.inject({ platform: 'tracepass', method: 'post', kind: 'status-5xx' });
    expect((await readDemo()).status).toBe(200);
    expect((await shopeeUpload(emu, images([jpeg()]))).status).toBe(200);
    expect((await upload()).status).toBe(500);
    expect((await upload()).status).toBe(201);
  });

  it('applies a fault `times` times, in injection order', async () => {
    emu.inject({ platform: 'tracepass', kind: 'rate-limit', times: 2 });
    emu.inject({ platform: 'tracepass', kind: 'html-502' });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await readDemo()).status);
    expect(statuses).toEqual([429, 429, 502, 200]);
  });

  it('reset() discards pending faults', async () => {
    emu.inject({ platform: 'tracepass', kind: 'drop-before-store', times: 5 });
    emu.reset();
    expect((await readDemo()).status).toBe(200);
    expect(emu.requests).toHaveLength(1);
  });

  it('refuses a fault with a non-positive times', () => {
    expect(() => emu.inject({ platform: 'shopee', kind: 'rate-limit', times: 0 })).toThrow(RangeError);
  });
});
