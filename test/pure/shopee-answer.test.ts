import { describe, expect, it } from 'vitest';
import { readShopeeAnswer } from '../../src/platforms/shopee/errors.js';
import { imageResults } from '../../src/platforms/shopee/results.js';
import type { HttpResponse } from '../../src/http/transport.js';

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
  it('lets the error field decide, whatever the HTTP status', () => {
    expect(() =>
      readShopeeAnswer(answer(200, { error: 'error_sign', message: 'Wrong sign.', request_id: 'r1' }), []),
    ).toThrow(/signature \(error_sign: Wrong sign\.\) \(request_id r1\)\. Check that SHOPEE_PARTNER_KEY/);
    expect(() =>
      readShopeeAnswer(answer(403, { error: 'error_auth', message: 'Invalid access_token.' }), []),
    ).toThrow(/refresh SHOPEE_ACCESS_TOKEN/);
    expect(readShopeeAnswer(answer(200, { error: '', request_id: 'r2', response: {} }), [])).toMatchObject({
      request_id: 'r2',
    });
  });

  it('says the clock is off for timestamp errors, and when the daily limit resets', () => {
    expect(() =>
      readShopeeAnswer(answer(400, { error: 'error_param', message: 'Invalid timestamp' }), []),
    ).toThrow(/clock is off/);
    expect(() => readShopeeAnswer(answer(429, { error: 'error_limit', message: 'limit' }), [])).toThrow(
      /00:00 UTC\+8/,
    );
  });

  it('explains non-JSON answers such as a gateway HTML page', () => {
    expect(() => readShopeeAnswer(answer(502, undefined, '<html>502 Bad Gateway</html>'), [])).toThrow(
      /Shopee's gateway answered HTTP 502 with an HTML page/,
    );
    expect(() => readShopeeAnswer(answer(200, undefined, '{"truncated'), [])).toThrow(
      /HTTP 200 with a body that is not JSON/,
    );
  });
});

describe('imageResults', () => {
  it('maps image_info_list by id into input order, with per-image errors', () => {
    const body = {
      response: {
        image_info_list: [
          { id: 1, error: 'error_param', message: 'bad' },
          { id: 0, error: '', message: '', image_info: info('a') },
        ],
      },
    };
    expect(imageResults(body, ['x.png', 'y.png', 'z.png'])).toEqual([
      {
        path: 'x.png',
        image_id: 'a',
        image_url_list: [{ image_url_region: 'SG', image_url: 'https://x/a' }],
      },
      { path: 'y.png', error: 'error_param', message: 'bad' },
      { path: 'z.png', error: 'missing_result', message: expect.stringContaining('no result') },
    ]);
  });

  it('falls back to image_info for a single image', () => {
    expect(imageResults({ response: { image_info: info('solo') } }, ['a.jpg'])).toEqual([
      {
        path: 'a.jpg',
        image_id: 'solo',
        image_url_list: [{ image_url_region: 'SG', image_url: 'https://x/solo' }],
      },
    ]);
    // …but not for a batch, where it could not say which image it is.
    expect(imageResults({ response: { image_info: info('solo') } }, ['a.jpg', 'b.jpg'])[0]).toMatchObject({
      error: 'missing_result',
    });
  });
});
