import { mkdirSync, symlinkSync, truncateSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SHOPEE_SHOP, DEMO_PRODUCT_ID } from '../../src/emulator/index.js';
import { SHOPEE_MAX, TRACEPASS_MAX } from '../helpers/fixtures.js';
import { startHarness, textOf, type Harness, type HarnessOptions } from '../helpers/harness.js';

/**
 * Every way the three tools refuse or fail, and the two halves each text must have: what happened, and
 * what to do next (which variable, limit, tool or argument). A new error path gets a row here.
 */
type Tool = 'shopee_upload_images' | 'tracepass_upload_image' | 'tracepass_delete_image';

interface ErrorCase {
  tool: Tool;
  /** A function when it needs `website`, which starts with the suite. */
  harness?: HarnessOptions | (() => HarnessOptions);
  /** Arguments; may create files, products and faults first. */
  args: (h: Harness) => Record<string, unknown>;
  what: RegExp;
  fix: RegExp;
}

const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://cdn.example/p/${i}.jpg`);
const product = (h: Harness, n: number) => h.emulator.addProduct({ imageUrls: urls(n) }).id;
const png = (h: Harness) => h.ws.png('a.png');
const shopee =
  (paths: (h: Harness) => unknown[], extra: Record<string, unknown> = {}) =>
  (h: Harness) => ({
    paths: paths(h),
    ...extra,
  });
const upload = (h: Harness, id = DEMO_PRODUCT_ID, path = png(h)) => ({ product_id: id, path });
const shopeeError =
  (error: string, message: string, times = 1) =>
  (h: Harness) => {
    h.emulator.inject({ platform: 'shopee', kind: 'shopee-error', error, message, times });
    return { paths: [png(h)] };
  };
const tracepassStatus =
  (status: number, method = 'POST', times = 1) =>
  (h: Harness) => {
    h.emulator.inject({ platform: 'tracepass', method, kind: 'status-5xx', status, times });
    return upload(h);
  };
const CLOSED = 'http://127.0.0.1:9';
const SHOP = {
  SHOPEE_SHOP_ID: String(DEFAULT_SHOPEE_SHOP.shopId),
  SHOPEE_ACCESS_TOKEN: 'expired-token-0001',
};
const INVALID_ARGS = (tool: string) =>
  new RegExp(`Input validation error: Invalid arguments for tool ${tool}`);

const CASES: Record<string, ErrorCase> = {
  // The schema: zod messages written to say what to send.
  'no paths': {
    tool: 'shopee_upload_images',
    args: () => ({}),
    what: INVALID_ARGS('shopee_upload_images'),
    fix: /paths is required: pass a list of 1–8 image paths/,
  },
  'an empty paths list': {
    tool: 'shopee_upload_images',
    args: () => ({ paths: [] }),
    what: INVALID_ARGS('shopee_upload_images'),
    fix: /give at least one image path/,
  },
  'nine paths': {
    tool: 'shopee_upload_images',
    args: (h) => ({ paths: Array.from({ length: 9 }, () => png(h)) }),
    what: INVALID_ARGS('shopee_upload_images'),
    fix: /Shopee takes at most 8 images per call: split the batch/,
  },
  'an empty path': {
    tool: 'shopee_upload_images',
    args: () => ({ paths: [''] }),
    what: /a path cannot be empty/,
    fix: /pass the image file's path/,
  },
  'a path that is not a string': {
    tool: 'tracepass_upload_image',
    args: () => ({ product_id: DEMO_PRODUCT_ID, path: 42 }),
    what: /path must be/,
    fix: /an image file's path as a string/,
  },
  'an unknown scene': {
    tool: 'shopee_upload_images',
    args: shopee((h) => [png(h)], { scene: 'square' }),
    what: /scene must be/,
    fix: /'normal' or 'desc' \(or left out for 'normal'\)/,
  },
  'an unknown ratio': {
    tool: 'shopee_upload_images',
    args: shopee((h) => [png(h)], { ratio: '16:9' }),
    what: /ratio must be/,
    fix: /'1:1' or '3:4'/,
  },
  'a dry_run that is not a boolean': {
    tool: 'tracepass_delete_image',
    args: () => ({ product_id: DEMO_PRODUCT_ID, index: 0, dry_run: 'yes' }),
    what: /dry_run must be/,
    fix: /true or false/,
  },
  'no product_id': {
    tool: 'tracepass_upload_image',
    args: (h) => ({ path: png(h) }),
    what: /product_id is required/,
    fix: /pass the TracePass product id, a string of 24 hex characters/,
  },
  'a product_id that is not 24 hex characters': {
    tool: 'tracepass_delete_image',
    args: () => ({ product_id: '6650a1b2', index: 0 }),
    what: INVALID_ARGS('tracepass_delete_image'),
    fix: /product_id must be 24 hexadecimal characters/,
  },
  'no index': {
    tool: 'tracepass_delete_image',
    args: () => ({ product_id: DEMO_PRODUCT_ID }),
    what: /index is required/,
    fix: /zero-based position, a whole number from 0 to 19/,
  },
  'a negative index': {
    tool: 'tracepass_delete_image',
    args: () => ({ product_id: DEMO_PRODUCT_ID, index: -1 }),
    what: INVALID_ARGS('tracepass_delete_image'),
    fix: /index is zero-based: the first image is 0/,
  },
  'index 20': {
    tool: 'tracepass_delete_image',
    args: () => ({ product_id: DEMO_PRODUCT_ID, index: 20 }),
    what: /a product has at most 20 images/,
    fix: /index is 0–19/,
  },
  'a fractional index': {
    tool: 'tracepass_delete_image',
    args: () => ({ product_id: DEMO_PRODUCT_ID, index: 1.5 }),
    what: INVALID_ARGS('tracepass_delete_image'),
    fix: /index must be a whole number/,
  },
  'an empty expected_url': {
    tool: 'tracepass_delete_image',
    args: () => ({ product_id: DEMO_PRODUCT_ID, index: 0, expected_url: '' }),
    what: /expected_url cannot be empty/,
    fix: /pass the URL from image_urls, or leave it out/,
  },

  // Configuration: checked before any file is read or anything is sent.
  'Shopee not configured': {
    tool: 'shopee_upload_images',
    harness: { env: { SHOPEE_PARTNER_ID: '', SHOPEE_PARTNER_KEY: '' } },
    args: shopee((h) => [png(h)]),
    what: /Shopee is not configured/,
    fix: /set SHOPEE_PARTNER_ID and SHOPEE_PARTNER_KEY in the MCP server's environment/,
  },
  'a partner id that is not a number': {
    tool: 'shopee_upload_images',
    harness: { env: { SHOPEE_PARTNER_ID: 'partner-1' } },
    args: shopee((h) => [png(h)]),
    what: /^SHOPEE_PARTNER_ID is 'partner-1', not a positive integer:/,
    fix: /: set SHOPEE_PARTNER_ID to the numeric partner id of your Shopee app, e\.g\. 2001887\.$/,
  },
  'an unknown region': {
    tool: 'shopee_upload_images',
    harness: { env: { SHOPEE_BASE_URL: '', SHOPEE_REGION: 'mars' } },
    args: shopee((h) => [png(h)]),
    what: /^SHOPEE_REGION 'mars' is not a Shopee region:/,
    fix: /: set SHOPEE_REGION to one of global, cn, br, sandbox, sandbox-cn, or set SHOPEE_BASE_URL\.$/,
  },
  'a malformed SHOPEE_BASE_URL': {
    tool: 'shopee_upload_images',
    harness: { env: { SHOPEE_BASE_URL: 'partner.shopeemobile.com' } },
    args: shopee((h) => [png(h)]),
    what: /^SHOPEE_BASE_URL is not a valid URL \('partner\.shopeemobile\.com'\):/,
    fix: /: set SHOPEE_BASE_URL to the API origin \(e\.g\. https:\/\/partner\.shopeemobile\.com\), or unset it and use SHOPEE_REGION\.$/,
  },
  'half a shop set-up': {
    tool: 'shopee_upload_images',
    harness: { env: { SHOPEE_ACCESS_TOKEN: 'token-0001' } },
    args: shopee((h) => [png(h)]),
    what: /^SHOPEE_ACCESS_TOKEN is set but SHOPEE_SHOP_ID is not; Shop API calls need both:/,
    fix: /: set SHOPEE_SHOP_ID too, or unset SHOPEE_ACCESS_TOKEN for public calls\.$/,
  },
  'a shop id that is not a number': {
    tool: 'shopee_upload_images',
    harness: { env: { SHOPEE_SHOP_ID: 'my-shop', SHOPEE_ACCESS_TOKEN: 'token-0001' } },
    args: shopee((h) => [png(h)]),
    what: /^SHOPEE_SHOP_ID is 'my-shop', not a positive integer:/,
    fix: /: set SHOPEE_SHOP_ID to the numeric id of the shop\.$/,
  },
  'TracePass not configured': {
    tool: 'tracepass_delete_image',
    harness: { env: { TRACEPASS_API_KEY: '' } },
    args: () => ({ product_id: DEMO_PRODUCT_ID, index: 0 }),
    what: /TracePass is not configured/,
    fix: /set TRACEPASS_API_KEY \(a tp_… API key from Developer → API Keys/,
  },
  'a TracePass base URL that is not http(s)': {
    tool: 'tracepass_upload_image',
    harness: { env: { TRACEPASS_BASE_URL: 'ftp://app.tracepass.eu' } },
    args: (h) => upload(h),
    what: /got 'ftp:\/\/app\.tracepass\.eu'/,
    fix: /TRACEPASS_BASE_URL must start with https:\/\//,
  },

  // Files: refused before any network call.
  'no allowed folder': {
    tool: 'shopee_upload_images',
    harness: { roots: () => [] },
    args: () => ({ paths: ['a.png'] }),
    what: /no folders are allowed yet/,
    fix: /Start the server with the image folder as an argument .* or share the folder as a root/,
  },
  'a NUL byte in a path': {
    tool: 'shopee_upload_images',
    args: () => ({ paths: ['a\0.png'] }),
    what: /contains a NUL byte/,
    fix: /pass a plain file path/,
  },
  'a file outside the folders': {
    tool: 'tracepass_upload_image',
    args: (h) => upload(h, DEMO_PRODUCT_ID, h.ws.png('o.png', undefined, h.ws.outside)),
    what: /is outside the allowed folders/,
    fix: /Copy the file into one of them, or add its folder to the server arguments or client roots/,
  },
  'a symlink out of the folders': {
    tool: 'shopee_upload_images',
    args: (h) => {
      symlinkSync(h.ws.png('t.png', undefined, h.ws.outside), join(h.ws.root, 'l.png'));
      return { paths: ['l.png'] };
    },
    what: /is outside the allowed folders .*\(it resolves to /,
    fix: /Copy the file into one of them/,
  },
  'a relative path that is not there': {
    tool: 'shopee_upload_images',
    args: () => ({ paths: ['missing.png'] }),
    what: /no such file in the allowed folders/,
    fix: /Check the spelling, or give an absolute path inside an allowed folder/,
  },
  'an absolute path that is not there': {
    tool: 'tracepass_upload_image',
    args: (h) => upload(h, DEMO_PRODUCT_ID, join(h.ws.root, 'gone.png')),
    what: /no such file\./,
    fix: /Check the spelling/,
  },
  'a folder': {
    tool: 'shopee_upload_images',
    args: (h) => (mkdirSync(join(h.ws.root, 'dir.png')), { paths: ['dir.png'] }),
    what: /is a folder, not an image file/,
    fix: /Give the path of a file/,
  },
  'a FIFO': {
    tool: 'tracepass_upload_image',
    args: (h) => upload(h, DEMO_PRODUCT_ID, h.ws.fifo('pipe.png')),
    what: /is a pipe \(FIFO\), not an image file/,
    fix: /Give the path of a file/,
  },
  'a device': {
    tool: 'shopee_upload_images',
    harness: { roots: (ws) => [ws.root, '/dev'] },
    args: () => ({ paths: ['/dev/null'] }),
    what: /is a device, not an image file/,
    fix: /Give the path of a file/,
  },
  'a file over Shopee’s 10 MB': {
    tool: 'shopee_upload_images',
    args: shopee((h) => [h.ws.jpeg('big.jpg', SHOPEE_MAX + 1)]),
    what: /is 10,485,761 bytes; Shopee accepts at most 10,485,760 bytes \(10 MB\) per image/,
    fix: /Resize or recompress it first/,
  },
  'a file over TracePass’s 5 MB': {
    tool: 'tracepass_upload_image',
    args: (h) => upload(h, DEMO_PRODUCT_ID, h.ws.jpeg('big.jpg', TRACEPASS_MAX + 1)),
    what: /is 5,242,881 bytes; TracePass accepts at most 5,242,880 bytes \(5 MB\)/,
    fix: /Resize or recompress it first/,
  },
  'an empty file': {
    tool: 'shopee_upload_images',
    args: shopee((h) => [h.ws.file('empty.png', '')]),
    what: /is empty \(0 bytes\)/,
    fix: /Save or export the image again as JPEG or PNG/,
  },
  'a text file named .jpg': {
    tool: 'tracepass_upload_image',
    args: (h) => upload(h, DEMO_PRODUCT_ID, h.ws.file('notes.jpg', 'not a photo')),
    what: /is not a PNG, JPEG or WebP image \(its first bytes say so, whatever its name\)/,
    fix: /Export it as PNG, JPEG or WebP/,
  },
  'a WebP for Shopee': {
    tool: 'shopee_upload_images',
    args: shopee((h) => [h.ws.webp('w.webp')]),
    what: /is a WebP image; Shopee accepts only JPEG or PNG/,
    fix: /Convert it first/,
  },
  'a batch with two bad files': {
    tool: 'shopee_upload_images',
    args: shopee((h) => [png(h), h.ws.webp('w.webp'), 'missing.png']),
    what: /^Nothing was uploaded: 2 of 3 files were refused\./,
    fix: /- Cannot use ".*w\.webp": .*Convert it first\.\n- Cannot use "missing\.png": .*Check the spelling/,
  },
  'a file that shrinks before it is sent': {
    tool: 'tracepass_upload_image',
    args: (h) => {
      const path = h.ws.png('shrinking.png', 50_000);
      // The file is open and checked once the product read arrives; it shrinks while that read waits.
      h.emulator.inject({ platform: 'tracepass', method: 'GET', kind: 'slow', delayMs: 400 });
      const shrink = setInterval(() => {
        if (h.emulator.requests.length === 0) return;
        clearInterval(shrink);
        truncateSync(path, 10_000);
      }, 5);
      return upload(h, DEMO_PRODUCT_ID, path);
    },
    what: /changed while it was being uploaded/,
    fix: /try again/,
  },

  // Shopee's error codes, each family with its own advice.
  'a wrong partner key (error_sign)': {
    tool: 'shopee_upload_images',
    harness: { env: { SHOPEE_PARTNER_KEY: 'wrong-partner-key-0001' } },
    args: shopee((h) => [png(h)]),
    what: /Shopee rejected the request signature \("error_sign": "Wrong sign\."\) \(request_id "\w+"\)/,
    fix: /Check that SHOPEE_PARTNER_KEY is the key of SHOPEE_PARTNER_ID for this host/,
  },
  'an expired access token (error_auth)': {
    tool: 'shopee_upload_images',
    harness: { env: SHOP },
    args: shopee((h) => [png(h)]),
    what: /Shopee refused the credentials \("error_auth": "Invalid access_token\."\)/,
    fix: /refresh SHOPEE_ACCESS_TOKEN \(and check SHOPEE_SHOP_ID\)/,
  },
  'the daily limit (error_limit)': {
    tool: 'shopee_upload_images',
    args: shopeeError('error_limit', 'Daily call limit exceeded.'),
    what: /Shopee's daily call limit for this API is used up \("error_limit": "Daily call limit exceeded\."\)/,
    fix: /It resets at 00:00 UTC\+8; try again after that/,
  },
  'rate limiting (error_rate_limit), after retries': {
    tool: 'shopee_upload_images',
    args: (h) => {
      h.emulator.inject({ platform: 'shopee', kind: 'rate-limit', times: 3 });
      return { paths: [png(h)] };
    },
    what: /Shopee is rate limiting these calls \("error_rate_limit": "Too many requests, please try again later\."\)/,
    fix: /Wait a minute and try again, with fewer calls at once/,
  },
  'a server error (error_server), after retries': {
    tool: 'shopee_upload_images',
    args: shopeeError('error_server', 'Something wrong. Please try later.', 3),
    what: /Shopee had an internal problem \("error_server": "Something wrong\. Please try later\."\)/,
    fix: /Try again in a few minutes/,
  },
  'a network error (error_network), after retries': {
    tool: 'shopee_upload_images',
    args: shopeeError('error_network', 'Network error.', 3),
    what: /Shopee had an internal problem \("error_network": "Network error\."\)/,
    fix: /Try again in a few minutes/,
  },
  'an unknown partner id (error_param)': {
    tool: 'shopee_upload_images',
    harness: { env: { SHOPEE_PARTNER_ID: '1234567' } },
    args: shopee((h) => [png(h)]),
    what: /Shopee does not accept the partner id \("error_param": "Invalid partner_id\."\)/,
    fix: /Check SHOPEE_PARTNER_ID and the host \(SHOPEE_REGION\)/,
  },
  'a refused shop id (error_param)': {
    tool: 'shopee_upload_images',
    args: shopeeError('error_param', 'Invalid shop_id.'),
    what: /Shopee refused the shop credentials \("error_param": "Invalid shop_id\."\)/,
    fix: /Check SHOPEE_SHOP_ID and SHOPEE_ACCESS_TOKEN/,
  },
  'refused parameters (error_param)': {
    tool: 'shopee_upload_images',
    args: shopeeError('error_param', 'Wrong parameters, detail: image is invalid.'),
    what: /Shopee refused the request parameters \("error_param": "Wrong parameters, detail: image is invalid\."\)/,
    fix: /Send 1–8 JPEG or PNG images of at most 10 MB each; scene is normal or desc, ratio 1:1 or 3:4/,
  },
  'a clock more than 5 minutes off': {
    tool: 'shopee_upload_images',
    harness: { now: () => Date.now() - 10 * 60_000 },
    args: shopee((h) => [png(h)]),
    what: /Shopee refused the request timestamp \("error_param": "Timestamp is expired\."\)/,
    fix: /This machine's clock is off: .* Sync the system clock \(NTP\)/,
  },
  'an error code this server does not know': {
    tool: 'shopee_upload_images',
    args: shopeeError('error_item_banned', 'The shop is banned.'),
    what: /Shopee answered "error_item_banned" \("error_item_banned": "The shop is banned\."\)/,
    fix: /contact Shopee Open Platform support with the request id/,
  },
  'an HTML page from Shopee’s gateway, after retries': {
    tool: 'shopee_upload_images',
    args: (h) => {
      h.emulator.inject({ platform: 'shopee', kind: 'html-502', times: 3 });
      return { paths: [png(h)] };
    },
    what: /Shopee's gateway answered HTTP 502 with an HTML page/,
    fix: /Try again in a few minutes/,
  },
  'a Shopee answer that is not JSON': {
    tool: 'shopee_upload_images',
    args: (h) => {
      h.emulator.inject({ platform: 'shopee', kind: 'malformed-json' });
      return { paths: [png(h)] };
    },
    what: /Shopee answered HTTP 200 with a body that is not JSON/,
    fix: /Try again in a few minutes/,
  },
  'every image of a batch refused by Shopee': {
    tool: 'shopee_upload_images',
    args: (h) => {
      h.emulator.inject({ platform: 'shopee', kind: 'partial-failure', failIndices: [0, 1] });
      return { paths: [png(h), h.ws.jpeg('b.jpg')] };
    },
    what: /^Uploaded 0 of 2 image\(s\) to Shopee .*\n- .*a\.png failed: error_tier_img_partial/,
    fix: /Send the failed image\(s\) again in a new call; if one fails again, check that file/,
  },
  'a SHOPEE_BASE_URL that is a website, not the API': {
    tool: 'shopee_upload_images',
    harness: () => ({ env: { SHOPEE_BASE_URL: website } }),
    args: shopee((h) => [png(h)]),
    what: /Shopee's gateway answered HTTP 404 with an HTML page: there is no Shopee API at this address/,
    fix: /Check SHOPEE_BASE_URL \/ SHOPEE_REGION \(by default https:\/\/partner\.shopeemobile\.com\)/,
  },
  'Shopee unreachable, after retries': {
    tool: 'shopee_upload_images',
    harness: { env: { SHOPEE_BASE_URL: CLOSED } },
    args: shopee((h) => [png(h)]),
    what: /Could not connect to Shopee at 127\.0\.0\.1:9 \(ECONNREFUSED\)/,
    fix: /Check SHOPEE_BASE_URL \/ SHOPEE_REGION and the network connection/,
  },
  'Shopee not answering in time, after retries': {
    tool: 'shopee_upload_images',
    harness: { env: { UPLOAD_TIMEOUT_MS: '200' } },
    args: (h) => {
      h.emulator.inject({ platform: 'shopee', kind: 'slow', delayMs: 2_000, times: 3 });
      return { paths: [png(h)] };
    },
    what: /Shopee \(127\.0\.0\.1:\d+\) did not answer within 0\.2 s/,
    fix: /Try again; for slow links raise UPLOAD_TIMEOUT_MS in the server environment/,
  },
  'Shopee dropping the connection, after retries': {
    tool: 'shopee_upload_images',
    args: (h) => {
      h.emulator.inject({ platform: 'shopee', kind: 'drop-before-store', times: 3 });
      return { paths: [png(h)] };
    },
    what: /The connection to Shopee at 127\.0\.0\.1:\d+ broke before it answered/,
    fix: /Try again in a moment/,
  },

  // TracePass statuses, each with its own advice.
  'TracePass 400': {
    tool: 'tracepass_upload_image',
    args: tracepassStatus(400),
    what: /TracePass could not upload the image to product \w+ \(HTTP 400:/,
    fix: /Check the request: product_id must be 24 hex characters and the image a PNG, JPEG or WebP file/,
  },
  'TracePass 401 (a wrong key)': {
    tool: 'tracepass_upload_image',
    harness: { env: { TRACEPASS_API_KEY: 'tp_revoked_key_0001' } },
    args: (h) => upload(h),
    what: /TracePass could not read product \w+ \(HTTP 401: "Invalid API key"\)/,
    fix: /TracePass rejected the API key: check TRACEPASS_API_KEY/,
  },
  'TracePass 403 (a read-only key)': {
    tool: 'tracepass_delete_image',
    harness: {
      emulator: { tracepass: { readOnlyKeys: ['tp_read_only_0001'] } },
      env: { TRACEPASS_API_KEY: 'tp_read_only_0001' },
    },
    args: (h) => ({ product_id: product(h, 2), index: 0 }),
    what: /TracePass could not delete image 0 of product \w+ \(HTTP 403: "API key lacks the products:write scope"\)/,
    fix: /use a key with write access to products \(scope products:write\)/,
  },
  'TracePass 404 (an unknown product)': {
    tool: 'tracepass_delete_image',
    args: () => ({ product_id: 'd'.repeat(24), index: 0 }),
    what: /TracePass could not read product d{24} \(HTTP 404: "Product not found"\)/,
    fix: /TracePass has no product d{24} for this key: check product_id/,
  },
  'TracePass 413': {
    tool: 'tracepass_upload_image',
    args: tracepassStatus(413),
    what: /\(HTTP 413:/,
    fix: /TracePass accepts at most 5 MB \(5,242,880 bytes\)\. Resize or recompress it/,
  },
  'TracePass 415': {
    tool: 'tracepass_upload_image',
    args: tracepassStatus(415),
    what: /\(HTTP 415:/,
    fix: /TracePass accepts only PNG, JPEG or WebP images\. Convert the file first/,
  },
  'TracePass 422 (the product filled up meanwhile)': {
    tool: 'tracepass_upload_image',
    args: tracepassStatus(422),
    what: /\(HTTP 422:/,
    fix: /already has 20 images \(the maximum\)\. Remove one with tracepass_delete_image first/,
  },
  'TracePass 429 (the daily budget)': {
    tool: 'tracepass_upload_image',
    args: (h) => {
      h.emulator.inject({ platform: 'tracepass', method: 'POST', kind: 'rate-limit' });
      return upload(h);
    },
    what: /\(HTTP 429: "Daily request budget exhausted\. Resets at 00:00 UTC\."\)/,
    fix: /it resets at 00:00 UTC \(in \d+ h \d+ min\)\. Try again after that; retrying now will not help/,
  },
  'TracePass 5xx on upload, after checked retries': {
    tool: 'tracepass_upload_image',
    args: tracepassStatus(500, 'POST', 3),
    what: /TracePass could not upload the image to product \w+ \(HTTP 500: "Internal server error"\)/,
    fix: /TracePass had a server problem\. Try again in a few minutes/,
  },
  'TracePass 5xx on read, after retries': {
    tool: 'tracepass_delete_image',
    args: (h) => {
      h.emulator.inject({ platform: 'tracepass', method: 'GET', kind: 'status-5xx', status: 503, times: 3 });
      return { product_id: DEMO_PRODUCT_ID, index: 0 };
    },
    what: /TracePass could not read product \w+ \(HTTP 503:/,
    fix: /TracePass had a server problem\. Try again in a few minutes/,
  },
  'an HTML page from TracePass’s gateway': {
    tool: 'tracepass_delete_image',
    args: (h) => {
      h.emulator.inject({ platform: 'tracepass', method: 'GET', kind: 'html-502', times: 3 });
      return { product_id: DEMO_PRODUCT_ID, index: 0 };
    },
    what: /\(HTTP 502: an HTML error page from a gateway\)/,
    fix: /Try again in a few minutes/,
  },
  'a TracePass answer without the product’s images': {
    tool: 'tracepass_upload_image',
    args: (h) => {
      h.emulator.inject({ platform: 'tracepass', method: 'GET', kind: 'malformed-json' });
      return upload(h);
    },
    what: /TracePass answered HTTP 200 to "read product \w+" without an imageUrls list/,
    fix: /Check that TRACEPASS_BASE_URL is the TracePass API .*; if it is, try again in a few minutes/,
  },
  'a TRACEPASS_BASE_URL that is a website, not the API': {
    tool: 'tracepass_upload_image',
    harness: () => ({ env: { TRACEPASS_BASE_URL: website } }),
    args: (h) => upload(h),
    what: /TracePass could not read product \w+ \(HTTP 404: an HTML error page from a gateway\)/,
    fix: /check product_id\. If every product answers this, check TRACEPASS_BASE_URL/,
  },
  'TracePass unreachable': {
    tool: 'tracepass_upload_image',
    harness: { env: { TRACEPASS_BASE_URL: CLOSED } },
    args: (h) => upload(h),
    what: /Could not connect to TracePass at 127\.0\.0\.1:9 \(ECONNREFUSED\)/,
    fix: /Check TRACEPASS_BASE_URL and the network connection/,
  },
  'TracePass not answering in time': {
    tool: 'tracepass_delete_image',
    harness: { env: { UPLOAD_TIMEOUT_MS: '200' } },
    args: (h) => {
      h.emulator.inject({ platform: 'tracepass', method: 'GET', kind: 'slow', delayMs: 2_000, times: 3 });
      return { product_id: DEMO_PRODUCT_ID, index: 0 };
    },
    what: /TracePass \(127\.0\.0\.1:\d+\) did not answer within 0\.2 s/,
    fix: /raise UPLOAD_TIMEOUT_MS/,
  },
  'an upload whose connection broke, with the product unreadable afterwards': {
    tool: 'tracepass_upload_image',
    args: (h) => {
      const args = upload(h);
      h.emulator.inject({ platform: 'tracepass', method: 'POST', kind: 'drop-before-store' });
      // The first GET (before the upload) passes; the re-reads after it fail.
      h.emulator.inject({ platform: 'tracepass', method: 'GET', kind: 'slow', delayMs: 0 });
      h.emulator.inject({ platform: 'tracepass', method: 'GET', kind: 'status-5xx', times: 3 });
      return args;
    },
    what: /The product could not be read afterwards to see whether the image was stored/,
    fix: /Nothing was resent: list the product's images \(tracepass_list_images\) before uploading again/,
  },
  'a delete whose connection broke, the image still there': {
    tool: 'tracepass_delete_image',
    args: (h) => {
      const id = product(h, 2);
      h.emulator.inject({ platform: 'tracepass', method: 'DELETE', kind: 'drop-before-store' });
      return { product_id: id, index: 0 };
    },
    what: /The image is still on the product, now at index 0 of 2; the DELETE was not resent because indices shift/,
    fix: /To retry safely, call tracepass_delete_image with index 0 and expected_url https:\/\//,
  },

  // The checks the tools make themselves.
  'a product that already has 20 images': {
    tool: 'tracepass_upload_image',
    args: (h) => upload(h, product(h, 20)),
    what: /Product \w+ already has 20 images, the TracePass maximum is 20\. Nothing was uploaded\./,
    fix: /Remove one with tracepass_delete_image first/,
  },
  'an index past the end': {
    tool: 'tracepass_delete_image',
    args: (h) => ({ product_id: product(h, 2), index: 5 }),
    what: /has 2 images, so there is no image at index 5 \(valid indices are 0–1\)\. Nothing was deleted\./,
    fix: /Pick the index from image_urls \(tracepass_list_images lists them\) and call again/,
  },
  'a product with no images to delete': {
    tool: 'tracepass_delete_image',
    args: () => ({ product_id: DEMO_PRODUCT_ID, index: 0 }),
    what: /has 0 images, so there is no image at index 0 \(it has no images\)/,
    fix: /Check product_id: this product has nothing to delete/,
  },
  'an expected_url now at another index': {
    tool: 'tracepass_delete_image',
    args: (h) => ({ product_id: product(h, 3), index: 0, expected_url: urls(3)[2] }),
    what: /Image 0 of product \w+ is https:\/\/cdn\.example\/p\/0\.jpg, not the expected_url\. Nothing was deleted\./,
    fix: /The expected image is now at index 2: call again with index 2/,
  },
  'an expected_url no longer on the product': {
    tool: 'tracepass_delete_image',
    args: (h) => ({ product_id: product(h, 2), index: 0, expected_url: 'https://cdn.example/gone.jpg' }),
    what: /not the expected_url\. Nothing was deleted\. The expected image is no longer on the product/,
    fix: /read image_urls again \(tracepass_list_images\) before deleting anything else/,
  },
};

/** A web server that is not either API: what a base URL pointing at a company's website reaches. */
let website: string;
let websiteServer: Server;
beforeAll(async () => {
  websiteServer = createServer((_req, res) => {
    res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Page not found</body></html>');
  });
  await new Promise<void>((resolve) => websiteServer.listen(0, '127.0.0.1', resolve));
  website = `http://127.0.0.1:${(websiteServer.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => websiteServer.close(resolve)));

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('every error says what happened and what to do next', () => {
  it.each(Object.entries(CASES))('%s', async (_name, c) => {
    h = await startHarness(typeof c.harness === 'function' ? c.harness() : c.harness);
    const result = await h.call(c.tool, c.args(h));
    const text = textOf(result);
    // SHOW_ERROR_TEXTS=1 prints them all, to read them side by side when changing one.
    if (process.env.SHOW_ERROR_TEXTS) console.log(`## ${_name}\n${text}\n`);
    expect(result.isError, text).toBe(true);
    expect(text).toMatch(c.what);
    expect(text).toMatch(c.fix);
    for (const secret of [h.emulator.env.SHOPEE_PARTNER_KEY, h.emulator.env.TRACEPASS_API_KEY]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/wrong-partner-key|expired-token|tp_revoked|tp_read_only|sign=/);
  });
});
