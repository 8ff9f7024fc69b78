import { describe, it } from 'vitest';
import { DEMO_PRODUCT_ID } from '../../src/emulator/index.js';
import type { HttpResponse } from '../../src/http/transport.js';
import { readShopeeAnswer } from '../../src/platforms/shopee/answer.js';
import { tracepassFailure } from '../../src/platforms/tracepass/answer.js';
import { expectExplained, type Explained } from '../helpers/error-texts.js';

/**
 * A platform's answer, mapped to what happened and what to do: each family of Shopee error codes and
 * each TracePass status has its own advice. The answers are the emulator's (and the platform docs').
 */
interface AnswerCase extends Explained {
  /** Reads the answer as the platform's client does, returning the error it raises. */
  failure: () => unknown;
}

const answer = (status: number, json: unknown, text = JSON.stringify(json)): HttpResponse => ({
  status,
  headers: {},
  text,
  json,
});

/** The error `read` throws, or undefined when it throws none. */
const thrown = (read: () => unknown) => () => {
  try {
    read();
    return undefined;
  } catch (error) {
    return error;
  }
};

const REQUEST_ID = '6f60aaa40500427506fb94d33f01a86b';
const shopee = (status: number, error: string, message: string) =>
  thrown(() => readShopeeAnswer(answer(status, { request_id: REQUEST_ID, error, message })));

const upload = { productId: DEMO_PRODUCT_ID, action: `upload the image to product ${DEMO_PRODUCT_ID}` };
// 23:59:30 UTC: the daily budget resets in half a minute.
const NOW = Date.parse('2026-03-10T23:59:30Z');
const tracepass = (status: number, error: string) => () =>
  tracepassFailure(answer(status, { error }), upload, NOW);

const CASES: Record<string, AnswerCase> = {
  'the daily limit (error_limit)': {
    failure: shopee(429, 'error_limit', 'Daily call limit exceeded.'),
    what: /^Shopee's daily call limit for this API is used up \("error_limit": "Daily call limit exceeded\."\) \(request_id "6f60aaa40500427506fb94d33f01a86b"\)\.$/,
    fix: /^It resets at 00:00 UTC\+8; try again after that\. Retrying now will not help\.$/,
  },
  'a refused shop id (error_param)': {
    failure: shopee(400, 'error_param', 'Invalid shop_id.'),
    what: /^Shopee refused the shop credentials \("error_param": "Invalid shop_id\."\)/,
    fix: /^Check SHOPEE_SHOP_ID and SHOPEE_ACCESS_TOKEN\.$/,
  },
  'refused parameters (error_param)': {
    failure: shopee(400, 'error_param', 'Wrong parameters, detail: image is invalid.'),
    what: /^Shopee refused the request parameters \("error_param": "Wrong parameters, detail: image is invalid\."\)/,
    fix: /^Send 1–8 JPEG or PNG images of at most 10 MB each; scene is normal or desc, ratio 1:1 or 3:4\.$/,
  },
  'an error code this server does not know': {
    failure: shopee(400, 'error_item_banned', 'The shop is banned.'),
    what: /^Shopee answered "error_item_banned" \("error_item_banned": "The shop is banned\."\)/,
    fix: /contact Shopee Open Platform support with the request id/,
  },
  'a Shopee answer that is not JSON': {
    failure: thrown(() => readShopeeAnswer(answer(200, undefined, `{"request_id":"${REQUEST_ID}","err`))),
    what: /^Shopee answered HTTP 200 with a body that is not JSON; the service may be having problems\.$/,
    fix: /^Try again in a few minutes\.$/,
  },
  'TracePass 400': {
    failure: tracepass(400, "No file provided. Send as multipart/form-data with field name 'file'."),
    what: /^TracePass could not upload the image to product \w{24} \(HTTP 400: "No file provided\. .*'file'\."\)\.$/,
    fix: /^Check the request: product_id must be 24 hex characters and the image a PNG, JPEG or WebP file\.$/,
  },
  'TracePass 413': {
    failure: tracepass(413, 'Image must be under 5MB'),
    what: /\(HTTP 413: "Image must be under 5MB"\)\.$/,
    fix: /TracePass accepts at most 5 MB \(5,242,880 bytes\)\. Resize or recompress it/,
  },
  'TracePass 415': {
    failure: tracepass(415, 'Unsupported MIME type — accepts image/png, image/jpeg, image/webp'),
    what: /\(HTTP 415: "Unsupported MIME type — accepts image\/png, image\/jpeg, image\/webp"\)\.$/,
    fix: /^TracePass accepts only PNG, JPEG or WebP images\. Convert the file first\.$/,
  },
  'TracePass 422 (the product filled up meanwhile)': {
    failure: tracepass(422, 'Product already has 20 images (max). Delete one first.'),
    what: /\(HTTP 422: "Product already has 20 images \(max\)\. Delete one first\."\)\.$/,
    fix: /already has 20 images \(the maximum\)\. Remove one with tracepass_delete_image first/,
  },
  'TracePass 429 (the daily budget)': {
    failure: tracepass(429, 'Daily request budget exhausted. Resets at 00:00 UTC.'),
    what: /\(HTTP 429: "Daily request budget exhausted\. Resets at 00:00 UTC\."\)\.$/,
    fix: /^TracePass's daily API budget is used up; it resets at 00:00 UTC \(in 0 h 1 min\)\. Try again after that; retrying now will not help\.$/,
  },
};

describe('every platform answer says what happened and what to do next', () => {
  it.each(Object.entries(CASES))('%s', (name, c) => expectExplained(name, c.failure(), c));
});
