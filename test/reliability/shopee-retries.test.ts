import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SHOPEE_PARTNER, type Fault } from '../../src/emulator/index.js';
import { UPLOAD_IMAGE_PATH } from '../../src/platforms/shopee/client.js';
import { signShopee } from '../../src/platforms/shopee/sign.js';
import { startHarness, textOf, type Harness, type HarnessOptions } from '../helpers/harness.js';
import { recordingAgent, statuses, tickingClock, type RecordingAgent } from '../helpers/observe.js';

let h: Harness | undefined;
let agent: RecordingAgent | undefined;
afterEach(async () => {
  await h?.close();
  await agent?.close();
  h = agent = undefined;
});

async function start(options: HarnessOptions = {}): Promise<Harness> {
  agent = recordingAgent();
  h = await startHarness({ now: tickingClock(), dispatcher: agent.dispatcher, ...options });
  return h;
}

const upload = (h: Harness) =>
  h.call('shopee_upload_images', { paths: [h.ws.png('a.png'), h.ws.jpeg('b.jpg')] });

/** Every attempt went out with its own timestamp, signed over that timestamp. */
function expectFreshSignatures(urls: URL[]): void {
  const sent = urls.map((url) => ({
    timestamp: Number(url.searchParams.get('timestamp')),
    sign: url.searchParams.get('sign'),
  }));
  expect(new Set(sent.map((s) => s.timestamp)).size).toBe(sent.length);
  for (const { timestamp, sign } of sent) {
    expect(sign).toBe(signShopee({ ...DEFAULT_SHOPEE_PARTNER, path: UPLOAD_IMAGE_PATH, timestamp }));
  }
}

describe('Shopee resends transient failures with a fresh timestamp and signature', () => {
  const transient: [string, Fault, HarnessOptions['env'], number | 'dropped'][] = [
    ['a connection dropped before storing', { platform: 'shopee', kind: 'drop-before-store' }, {}, 'dropped'],
    [
      'a timeout',
      { platform: 'shopee', kind: 'slow', delayMs: 10_000 },
      { UPLOAD_TIMEOUT_MS: '300' },
      'dropped',
    ],
    ['an HTTP 503', { platform: 'shopee', kind: 'status-5xx', status: 503 }, {}, 503],
    [
      'error_server (with HTTP 200)',
      { platform: 'shopee', kind: 'shopee-error', error: 'error_server', message: 'busy', status: 200 },
      {},
      200,
    ],
    [
      'error_network',
      { platform: 'shopee', kind: 'shopee-error', error: 'error_network', message: 'network busy' },
      {},
      500,
    ],
    ['error_rate_limit', { platform: 'shopee', kind: 'rate-limit' }, {}, 429],
  ];

  it.each(transient)('retries %s once and succeeds', async (_name, fault, env, firstStatus) => {
    const h = await start({ env });
    h.emulator.inject(fault);
    const result = await upload(h);
    expect(result.isError).toBeUndefined();
    expect(statuses(h.emulator)).toEqual([firstStatus, 200]);
    expect(agent?.urls).toHaveLength(2);
    expectFreshSignatures(agent!.urls);
    const images = (result.structuredContent as { images: { image_id?: string }[] }).images;
    expect(images.map((image) => image.image_id)).toEqual([
      expect.stringMatching(/^sg-/),
      expect.stringMatching(/^sg-/),
    ]);
    expect(h.logs).toContainEqual(
      expect.stringMatching(/^warning: Shopee upload failed, retrying \(attempt 2 of 3 in \d+ ms\) /),
    );
  });

  it('gives up after 3 attempts with the last failure explained', async () => {
    const h = await start();
    h.emulator.inject({ platform: 'shopee', kind: 'status-5xx', times: 3 });
    const result = await upload(h);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /^Shopee had an internal problem \("error_server": "Something wrong\. Please try later\."\) \(request_id "\w+"\)\. Try again in a few minutes\.$/,
    );
    expect(statuses(h.emulator)).toEqual([500, 500, 500]);
    expectFreshSignatures(agent!.urls);
    expect(h.emulator.shopeeImages.size).toBe(0);
  });
});

describe('Shopee never resends a permanent refusal', () => {
  it.each([
    ['error_sign', 'Wrong sign.', /Shopee rejected the request signature \("error_sign": "Wrong sign\."\)/],
    [
      'error_param',
      'Wrong parameters.',
      /Shopee refused the request parameters \("error_param": "Wrong parameters\."\)/,
    ],
    [
      'error_auth',
      'Invalid access_token.',
      /Shopee refused the credentials \("error_auth": "Invalid access_token\."\)/,
    ],
    [
      'error_limit',
      'Exceeded daily limit.',
      /daily call limit for this API is used up \("error_limit": "Exceeded daily limit\."\).*It resets at 00:00 UTC\+8; try again after that\. Retrying now will not help\./,
    ],
  ])('sends %s once and explains it', async (error, message, explained) => {
    const h = await start();
    h.emulator.inject({ platform: 'shopee', kind: 'shopee-error', error, message });
    const result = await upload(h);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(explained);
    expect(h.emulator.requests).toHaveLength(1);
    expect(h.emulator.requests[0]?.error).toBe(error);
  });

  it.each([
    ['behind', -10, 'Timestamp is expired.'],
    ['ahead', +10, 'Invalid timestamp'],
  ])('says the clock is off when it is 10 minutes %s, after one request', async (_name, minutes, said) => {
    const h = await start({ now: () => Date.now() + minutes * 60_000 });
    const result = await upload(h);
    expect(textOf(result)).toContain(`("error_param": "${said}")`);
    expect(textOf(result)).toMatch(/This machine's clock is off: Shopee accepts timestamps within 5 minutes/);
    expect(h.emulator.requests).toHaveLength(1);
  });
});
