import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Env } from '../../src/config/env.js';
import { DEFAULT_SHOPEE_SHOP, startEmulator, type Emulator, type Fault } from '../../src/emulator/index.js';
import { AllowedRoots, createFileAccess } from '../../src/files/index.js';
import { SHOPEE_IMAGE_RULE } from '../../src/platforms/shopee/limits.js';
import { shopeeClient } from '../helpers/clients.js';
import { CLOSED, expectExplained, useWebsite, type Explained } from '../helpers/error-texts.js';
import { makeWorkspace, type Workspace } from '../helpers/fixtures.js';

/**
 * What the Shopee client says when an upload fails on the wire: a refusal the emulator decides (a
 * signature, a token, a partner id, a clock), transient failures after the retries run out, and hosts
 * that are not Shopee. Each case uploads one PNG with the real client against the emulator.
 */
interface ShopeeCase extends Explained {
  /** On top of the emulator's (set a value to '' to unset it); a function when it needs the website. */
  env?: Env | (() => Env);
  faults?: Fault[];
  now?: () => number;
  /** UPLOAD_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Requests the emulator saw: 1 for a refusal, 3 after the retries. */
  sent?: number;
}

const website = useWebsite();
const retried = (fault: Fault): Fault[] => [{ ...fault, times: 3 }];
const shopeeError = (error: string, message: string): Fault => ({
  platform: 'shopee',
  kind: 'shopee-error',
  error,
  message,
});

const CASES: Record<string, ShopeeCase> = {
  'a wrong partner key (error_sign)': {
    env: { SHOPEE_PARTNER_KEY: 'wrong-partner-key-0001' },
    what: /^Shopee rejected the request signature \("error_sign": "Wrong sign\."\) \(request_id "\w+"\)\.$/,
    fix: /^Check that SHOPEE_PARTNER_KEY is the key of SHOPEE_PARTNER_ID for this host/,
    sent: 1,
  },
  'an expired access token (error_auth)': {
    env: { SHOPEE_SHOP_ID: String(DEFAULT_SHOPEE_SHOP.shopId), SHOPEE_ACCESS_TOKEN: 'expired-token-0001' },
    what: /^Shopee refused the credentials \("error_auth": "Invalid access_token\."\)/,
    fix: /refresh SHOPEE_ACCESS_TOKEN \(and check SHOPEE_SHOP_ID\)/,
    sent: 1,
  },
  'rate limiting (error_rate_limit), after retries': {
    faults: retried({ platform: 'shopee', kind: 'rate-limit' }),
    what: /^Shopee is rate limiting these calls \("error_rate_limit": "Too many requests, please try again later\."\)/,
    fix: /^Wait a minute and try again, with fewer calls at once\.$/,
    sent: 3,
  },
  'a server error (error_server), after retries': {
    faults: retried(shopeeError('error_server', 'Something wrong. Please try later.')),
    what: /^Shopee had an internal problem \("error_server": "Something wrong\. Please try later\."\)/,
    fix: /^Try again in a few minutes\.$/,
    sent: 3,
  },
  'a network error (error_network), after retries': {
    faults: retried(shopeeError('error_network', 'Network error.')),
    what: /^Shopee had an internal problem \("error_network": "Network error\."\)/,
    fix: /^Try again in a few minutes\.$/,
    sent: 3,
  },
  'an unknown partner id (error_param)': {
    env: { SHOPEE_PARTNER_ID: '1234567' },
    what: /^Shopee does not accept the partner id \("error_param": "Invalid partner_id\."\)/,
    fix: /^Check SHOPEE_PARTNER_ID and the host \(SHOPEE_REGION\)\.$/,
    sent: 1,
  },
  'a clock more than 5 minutes off': {
    now: () => Date.now() - 10 * 60_000,
    what: /^Shopee refused the request timestamp \("error_param": "Timestamp is expired\."\)/,
    fix: /^This machine's clock is off: .* Sync the system clock \(NTP\) and try again\.$/,
    sent: 1,
  },
  'an HTML page from Shopee’s gateway, after retries': {
    faults: retried({ platform: 'shopee', kind: 'html-502' }),
    what: /^Shopee's gateway answered HTTP 502 with an HTML page; the service may be having problems\.$/,
    fix: /^Try again in a few minutes\.$/,
    sent: 3,
  },
  'a SHOPEE_BASE_URL that is a website, not the API': {
    env: () => ({ SHOPEE_BASE_URL: website() }),
    what: /^Shopee's gateway answered HTTP 404 with an HTML page: there is no Shopee API at this address\.$/,
    fix: /^Check SHOPEE_BASE_URL \/ SHOPEE_REGION \(by default https:\/\/partner\.shopeemobile\.com\)\.$/,
  },
  'Shopee unreachable, after retries': {
    env: { SHOPEE_BASE_URL: CLOSED },
    what: /^Could not connect to Shopee at 127\.0\.0\.1:9 \(ECONNREFUSED\)\.$/,
    fix: /^Check SHOPEE_BASE_URL \/ SHOPEE_REGION and the network connection\.$/,
  },
  'Shopee not answering in time, after retries': {
    timeoutMs: 200,
    faults: retried({ platform: 'shopee', kind: 'slow', delayMs: 2_000 }),
    what: /^Shopee \(127\.0\.0\.1:\d+\) did not answer within 0\.2 s\.$/,
    fix: /^Try again; for slow links raise UPLOAD_TIMEOUT_MS in the server environment\.$/,
    sent: 3,
  },
  'Shopee dropping the connection, after retries': {
    faults: retried({ platform: 'shopee', kind: 'drop-before-store' }),
    what: /^The connection to Shopee at 127\.0\.0\.1:\d+ broke before it answered/,
    fix: /^Try again in a moment\.$/,
    sent: 3,
  },
};

let emulator: Emulator;
let ws: Workspace;
beforeEach(async () => {
  emulator = await startEmulator();
  ws = makeWorkspace();
});
afterEach(async () => {
  await emulator.close();
  ws.cleanup();
});

describe('every failed Shopee upload says what happened and what to do next', () => {
  it.each(Object.entries(CASES))('%s', async (name, c) => {
    for (const fault of c.faults ?? []) emulator.inject(fault);
    const env = { ...emulator.env, ...(typeof c.env === 'function' ? c.env() : c.env) };
    const client = shopeeClient(env, { fast: true, now: c.now, requestTimeoutMs: c.timeoutMs });
    const files = createFileAccess(new AllowedRoots([ws.root]));
    const images = await files.openImages([ws.png('a.png')], SHOPEE_IMAGE_RULE);
    const error = await client.uploadImages({ images }).catch((e: unknown) => e);
    await Promise.all(images.map((image) => image.close()));
    expectExplained(name, error, c);
    if (c.sent !== undefined) expect(emulator.requests).toHaveLength(c.sent);
  });
});
