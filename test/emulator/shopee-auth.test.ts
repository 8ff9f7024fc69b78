import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SHOPEE_SHOP, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { call, images, jpeg, shopeeUpload, signedParams, UPLOAD_PATH, type SignedQuery } from './helpers.js';

const NOW_S = 1_760_000_000;
const SHOPS_PATH = '/api/v2/public/get_shops_by_partner';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ now: () => NOW_S * 1000 + 999 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

function params(q: SignedQuery = {}, edit: (p: URLSearchParams) => void = () => undefined): URLSearchParams {
  const p = signedParams({ timestamp: NOW_S, ...q });
  edit(p);
  return p;
}

async function expectRefused(
  p: URLSearchParams,
  status: number,
  error: string,
  message: string,
): Promise<void> {
  const stored = emu.shopeeImages.size;
  const answer = await shopeeUpload(emu, images([jpeg()]), p);
  expect(answer.status).toBe(status);
  expect(answer.json).toEqual({ request_id: expect.stringMatching(/^[0-9a-f]{32}$/), error, message });
  expect(emu.shopeeImages.size).toBe(stored);
  expect(emu.requests.at(-1)).toMatchObject({ status, error });
}

describe('Shopee common parameters', () => {
  it.each<[string, (p: URLSearchParams) => void, string]>([
    ['partner_id missing', (p) => p.delete('partner_id'), 'There is no partner_id in query.'],
    ['partner_id not an integer', (p) => p.set('partner_id', '12ab'), 'Invalid partner_id.'],
    ['partner_id unknown', (p) => p.set('partner_id', '1'), 'Invalid partner_id.'],
    ['timestamp missing', (p) => p.delete('timestamp'), 'no timestamp'],
    ['timestamp not an integer', (p) => p.set('timestamp', `${NOW_S}.5`), 'Invalid timestamp'],
    ['sign missing', (p) => p.delete('sign'), 'There is no sign in query.'],
    ['only access_token', (p) => p.set('access_token', 'x'), 'There is no shop_id in query.'],
    ['only shop_id', (p) => p.set('shop_id', '600001'), 'There is no access_token in query.'],
  ])('refuses %s with error_param', async (_, edit, message) => {
    await expectRefused(params({}, edit), 400, 'error_param', message);
  });

  it('checks partner_id before timestamp and sign', async () => {
    const p = new URLSearchParams({ timestamp: 'soon' });
    await expectRefused(p, 400, 'error_param', 'There is no partner_id in query.');
  });

  it('accepts a timestamp exactly 300 s old and refuses one 301 s old', async () => {
    expect((await shopeeUpload(emu, images([jpeg()]), params({ timestamp: NOW_S - 300 }))).status).toBe(200);
    await expectRefused(params({ timestamp: NOW_S - 301 }), 400, 'error_param', 'Timestamp is expired.');
  });

  it('accepts a timestamp 300 s ahead and refuses one 301 s ahead', async () => {
    expect((await shopeeUpload(emu, images([jpeg()]), params({ timestamp: NOW_S + 300 }))).status).toBe(200);
    await expectRefused(params({ timestamp: NOW_S + 301 }), 400, 'error_param', 'Invalid timestamp');
  });

  it('refuses a wrong sign with error_sign', async () => {
    await expectRefused(params({ partnerKey: 'not-the-key' }), 403, 'error_sign', 'Wrong sign.');
    await expectRefused(params({ path: SHOPS_PATH }), 403, 'error_sign', 'Wrong sign.');
    await expectRefused(
      params({}, (p) => p.set('sign', 'short')),
      403,
      'error_sign',
      'Wrong sign.',
    );
  });

  it('refuses an uppercase sign: Shopee signs in lowercase hex', async () => {
    const edit = (p: URLSearchParams): void => p.set('sign', (p.get('sign') ?? '').toUpperCase());
    await expectRefused(params({}, edit), 403, 'error_sign', 'Wrong sign.');
  });

  it('still reads the whole upload before refusing it', async () => {
    const answer = await shopeeUpload(
      emu,
      images([jpeg(4_000_000), jpeg(4_000_000)]),
      params({}, (p) => p.delete('sign')),
    );
    expect(answer.status).toBe(400);
  });
});

describe('Shopee shop mode', () => {
  it('accepts a known shop signed with access_token and shop_id', async () => {
    const answer = await shopeeUpload(emu, images([jpeg()]), params({ shop: DEFAULT_SHOPEE_SHOP }));
    expect(answer.status).toBe(200);
    expect(emu.shopeeImages.size).toBe(1);
  });

  it('refuses shop parameters signed as a public call', async () => {
    const edit = (p: URLSearchParams): void => {
      p.set('access_token', DEFAULT_SHOPEE_SHOP.accessToken);
      p.set('shop_id', String(DEFAULT_SHOPEE_SHOP.shopId));
    };
    await expectRefused(params({}, edit), 403, 'error_sign', 'Wrong sign.');
  });

  it('refuses a correctly signed but unknown shop with error_auth', async () => {
    const shop = { shopId: DEFAULT_SHOPEE_SHOP.shopId, accessToken: 'revoked-token' };
    await expectRefused(params({ shop }), 403, 'error_auth', 'Invalid access_token.');
    const other = { shopId: 42, accessToken: DEFAULT_SHOPEE_SHOP.accessToken };
    await expectRefused(params({ shop: other }), 403, 'error_auth', 'Invalid access_token.');
  });
});

describe('Shopee get_shops_by_partner and unknown paths', () => {
  it('lists the authorised shops for a public, signed call', async () => {
    const answer = await call(`${emu.url}${SHOPS_PATH}?${params({ path: SHOPS_PATH })}`);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      request_id: expect.any(String),
      error: '',
      message: '',
      authed_shop_list: [
        {
          shop_id: DEFAULT_SHOPEE_SHOP.shopId,
          region: 'SG',
          auth_time: NOW_S,
          expire_time: NOW_S + 365 * 24 * 3600,
        },
      ],
      more: false,
    });
  });

  it('applies the same checks to get_shops_by_partner', async () => {
    const answer = await call(`${emu.url}${SHOPS_PATH}?${params()}`);
    expect(answer.status).toBe(403);
    expect(answer.json).toMatchObject({ error: 'error_sign', message: 'Wrong sign.' });
  });

  it('answers an unknown API path or method with error_not_found', async () => {
    for (const [method, path] of [
      ['GET', '/api/v2/product/get_item_list'],
      ['GET', UPLOAD_PATH],
    ] as const) {
      const answer = await call(`${emu.url}${path}?${params()}`, { method });
      expect(answer.status).toBe(404);
      expect(answer.json).toEqual({
        request_id: expect.any(String),
        error: 'error_not_found',
        message: 'Api not found.',
      });
    }
  });
});
