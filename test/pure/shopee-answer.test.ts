import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../../src/http/transport.js';
import { readShopeeAnswer, SHOPEE_ANSWERS, ShopeeBody } from '../../src/platforms/shopee/answer.js';
import { imageResults } from '../../src/platforms/shopee/results.js';

const answer = (status: number, json: unknown, text = JSON.stringify(json)): HttpResponse => ({
  status,
  headers: {},
  json,
  text,
});
const info = (id: string) => ({
  image_id: id,
  image_url_list: [{ image_url_region: 'SG', image_url: `https://x/${id}` }],
});

describe('readShopeeAnswer', () => {
  it('lets the error field decide, whatever the HTTP status, and quotes what Shopee said', () => {
    expect(() =>
      readShopeeAnswer(answer(200, { error: 'error_sign', message: 'Wrong sign.', request_id: 'r1' })),
    ).toThrow(
      /signature \("error_sign": "Wrong sign\."\) \(request_id "r1"\)\. Check that SHOPEE_PARTNER_KEY/,
    );
    expect(() =>
      readShopeeAnswer(answer(403, { error: 'error_auth', message: 'Invalid access_token.' })),
    ).toThrow(/refresh SHOPEE_ACCESS_TOKEN/);
    expect(readShopeeAnswer(answer(200, { error: '', request_id: 'r2', response: {} }))).toMatchObject({
      request_id: 'r2',
    });
  });

  it('gives the error a detail and a fix of its own', () => {
    const error = (() => {
      try {
        readShopeeAnswer(answer(200, { error: 'error_limit', message: 'limit' }));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toMatchObject({
      kind: 'http',
      code: 'error_limit',
      detail: `Shopee's daily call limit for this API is used up ("error_limit": "limit").`,
      fix: 'It resets at 00:00 UTC+8; try again after that. Retrying now will not help.',
    });
  });

  it('says the clock is off for timestamp errors', () => {
    expect(() =>
      readShopeeAnswer(answer(400, { error: 'error_param', message: 'Invalid timestamp' })),
    ).toThrow(/clock is off/);
  });

  it('explains non-JSON answers such as a gateway HTML page', () => {
    expect(() => readShopeeAnswer(answer(502, undefined, '<html>502 Bad Gateway</html>'))).toThrow(
      /Shopee's gateway answered HTTP 502 with an HTML page/,
    );
    expect(() => readShopeeAnswer(answer(200, undefined, '{"truncated'))).toThrow(
      /HTTP 200 with a body that is not JSON/,
    );
    expect(() => readShopeeAnswer(answer(404, undefined, 'nope'))).toThrow(
      'Shopee answered HTTP 404 with a non-JSON body: there is no Shopee API at this address. ' +
        'Check SHOPEE_BASE_URL / SHOPEE_REGION (by default https://partner.shopeemobile.com).',
    );
  });

  it('tells the transport what a refusal and a request id look like', () => {
    expect(SHOPEE_ANSWERS.refusal(200, { error: 'error_sign' })).toBe('error_sign');
    expect(SHOPEE_ANSWERS.refusal(200, { error: '' })).toBeUndefined();
    expect(SHOPEE_ANSWERS.refusal(502, undefined)).toBe('');
    expect(SHOPEE_ANSWERS.requestId({ request_id: 'abc' }, {})).toBe('abc');
    expect(SHOPEE_ANSWERS.requestId({ request_id: 5 }, {})).toBeUndefined();
  });
});

describe('imageResults', () => {
  const body = (json: unknown) => ShopeeBody.parse(json);

  it('maps image_info_list by id into input order, with per-image errors', () => {
    const list = body({
      response: {
        image_info_list: [
          { id: 1, error: 'error_param', message: 'bad' },
          { id: 0, error: '', message: '', image_info: info('a') },
        ],
      },
    });
    expect(imageResults(list, ['x.png', 'y.png', 'z.png'])).toEqual([
      { path: 'x.png', imageId: 'a', imageUrls: [{ region: 'SG', url: 'https://x/a' }] },
      { path: 'y.png', error: 'error_param', message: 'bad' },
      { path: 'z.png', error: 'missing_result', message: expect.stringContaining('no result') },
    ]);
  });

  it('falls back to image_info for a single image, never for a batch', () => {
    const single = body({ response: { image_info: info('solo') } });
    expect(imageResults(single, ['a.jpg'])).toEqual([
      { path: 'a.jpg', imageId: 'solo', imageUrls: [{ region: 'SG', url: 'https://x/solo' }] },
    ]);
    expect(imageResults(single, ['a.jpg', 'b.jpg'])[0]).toMatchObject({ error: 'missing_result' });
  });

  it('drops fields of the wrong type instead of failing the whole answer', () => {
    const odd = body({
      request_id: 7,
      response: { image_info_list: [{ id: '0', image_info: { image_id: 'q', image_url_list: 'no' } }] },
    });
    expect(odd.request_id).toBeUndefined();
    expect(imageResults(odd, ['a.jpg'])).toEqual([{ path: 'a.jpg', imageId: 'q', imageUrls: [] }]);
  });
});
