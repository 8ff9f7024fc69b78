import { connect } from 'node:net';
import { Client } from 'undici';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SHOPEE_PARTNER,
  DEFAULT_SHOPEE_SHOP,
  DEFAULT_TRACEPASS_API_KEY,
  DEMO_PRODUCT_ID,
  startEmulator,
} from '../../src/emulator/index.js';
import { bearer, call, images, jpeg, shopeeUpload, signedParams, tracepassUpload } from './helpers.js';

describe('startEmulator', () => {
  it('serves both APIs on one loopback origin and exports the matching environment', async () => {
    const emu = await startEmulator();
    try {
      expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(emu.env).toEqual({
        SHOPEE_PARTNER_ID: String(DEFAULT_SHOPEE_PARTNER.partnerId),
        SHOPEE_PARTNER_KEY: DEFAULT_SHOPEE_PARTNER.partnerKey,
        SHOPEE_BASE_URL: emu.url,
        TRACEPASS_API_KEY: DEFAULT_TRACEPASS_API_KEY,
        TRACEPASS_BASE_URL: emu.url,
      });
      expect([...emu.products.keys()]).toEqual([DEMO_PRODUCT_ID]);
    } finally {
      await emu.close();
    }
  });

  it('adds products with generated or given ids, refusing bad or duplicate ones', async () => {
    const emu = await startEmulator({ tracepass: { products: [] } });
    try {
      expect(emu.products.size).toBe(0);
      const made = emu.addProduct();
      expect(made.id).toMatch(/^[0-9a-f]{24}$/);
      expect(emu.products.get(made.id)).toBe(made);
      expect(emu.addProduct({ id: 'ABCDEF0123456789ABCDEF01', name: 'X' }).id).toBe(
        'abcdef0123456789abcdef01',
      );
      expect(() => emu.addProduct({ id: made.id })).toThrow(/already exists/);
      expect(() => emu.addProduct({ id: 'xyz' })).toThrow(RangeError);
    } finally {
      await emu.close();
    }
  });

  it('skips hashing when hashFiles is false', async () => {
    const emu = await startEmulator({ hashFiles: false });
    try {
      await shopeeUpload(emu, images([jpeg()]));
      expect(emu.requests[0]?.parts[0]).toEqual({
        field: 'image',
        filename: 'img-0',
        contentType: 'image/jpeg',
        size: 1024,
        sniffed: 'jpeg',
      });
    } finally {
      await emu.close();
    }
  });
});

describe('request log', () => {
  it('records every request in order, including ones outside both APIs', async () => {
    const emu = await startEmulator();
    try {
      const other = await call(`${emu.url}/favicon.ico`);
      expect([other.status, other.json]).toEqual([404, { error: 'Not found' }]);
      await call(`${emu.url}/api/v1/products?limit=5`);
      expect(emu.requests).toEqual([
        expect.objectContaining({ platform: 'other', method: 'GET', path: '/favicon.ico', status: 404 }),
        expect.objectContaining({
          platform: 'tracepass',
          path: '/api/v1/products',
          query: { limit: '5' },
          hasAuthorization: false,
          status: 401,
          error: 'Missing or invalid Authorization header',
        }),
      ]);
    } finally {
      await emu.close();
    }
  });

  it('never records the partner key, sign, access token or API key', async () => {
    const emu = await startEmulator();
    try {
      const params = signedParams({ shop: DEFAULT_SHOPEE_SHOP });
      const sign = params.get('sign') ?? '';
      await shopeeUpload(
        emu,
        [...images([jpeg()]), { field: 'access_token', value: DEFAULT_SHOPEE_SHOP.accessToken }],
        params,
      );
      await tracepassUpload(emu, DEMO_PRODUCT_ID, { data: jpeg() });
      await call(`${emu.url}/api/v1/products`, { headers: bearer('tp_wrong_secret') });
      const log = JSON.stringify(emu.requests);
      for (const secret of [
        DEFAULT_SHOPEE_PARTNER.partnerKey,
        sign,
        DEFAULT_SHOPEE_SHOP.accessToken,
        DEFAULT_TRACEPASS_API_KEY,
        'tp_wrong_secret',
      ]) {
        expect(log).not.toContain(secret);
      }
      expect(emu.requests[0]?.query).toEqual({
        partner_id: String(DEFAULT_SHOPEE_PARTNER.partnerId),
        timestamp: params.get('timestamp'),
        sign: '[redacted]',
        access_token: '[redacted]',
        shop_id: String(DEFAULT_SHOPEE_SHOP.shopId),
      });
      expect(emu.requests[0]?.fields).toEqual({ access_token: '[redacted]' });
      expect(emu.requests.map((r) => r.hasAuthorization)).toEqual([false, true, true]);
    } finally {
      await emu.close();
    }
  });
});

describe('connections', () => {
  it('counts each accepted TCP connection once, however many requests it carries', async () => {
    const emu = await startEmulator();
    const [first, second] = [new Client(emu.url), new Client(emu.url)];
    try {
      const get = (client: Client) =>
        client
          .request({ method: 'GET', path: '/api/v1/products', headers: bearer() })
          .then((res) => res.body.text());
      expect(emu.connections).toBe(0);
      await get(first);
      await get(first);
      await get(first);
      expect(emu.connections).toBe(1);
      await get(second);
      expect([emu.connections, emu.requests.length]).toEqual([2, 4]);
    } finally {
      await Promise.all([first.close(), second.close()]);
      await emu.close();
    }
  });
});

describe('close()', () => {
  it('returns promptly while a client is mid-upload on an open connection', async () => {
    const emu = await startEmulator();
    const socket = connect(Number(new URL(emu.url).port), '127.0.0.1');
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST /api/v1/products/${DEMO_PRODUCT_ID}/images HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\nabc`,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await emu.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(emu.requests[0]?.status).toBe('dropped');
    await emu.close();
  });

  it('returns promptly while a slow answer is pending', async () => {
    const emu = await startEmulator();
    emu.inject({ platform: 'tracepass', kind: 'slow', delayMs: 60_000 });
    const pending = call(`${emu.url}/api/v1/products`, { headers: bearer() });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await emu.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(pending).rejects.toThrow();
  });
});
