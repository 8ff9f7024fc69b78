import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exitCodeOf, runChecks } from '../../src/cli/doctor/index.js';
import type { Finding as Row } from '../../src/config/finding.js';
import { DEFAULT_SHOPEE_SHOP, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeWorkspace, type Workspace } from '../helpers/fixtures.js';

let emulator: Emulator;
let ws: Workspace;
beforeAll(async () => {
  emulator = await startEmulator();
  ws = makeWorkspace();
});
afterAll(async () => {
  await emulator.close();
  ws.cleanup();
});
beforeEach(() => emulator.reset());

/** The doctor's rows for the emulator's environment with `changes` on top ('' unsets a variable). */
async function doctor(changes: Record<string, string> = {}, folders = [ws.root]): Promise<Row[]> {
  return runChecks({ env: { ...emulator.env, ...changes }, folders, cwd: ws.base });
}
const find = (rows: Row[], check: string): Row | undefined => rows.find((r) => r.check === check);

describe('doctor against the emulator', () => {
  it('passes every check with the emulator set-up, calling each platform once, read-only', async () => {
    const rows = await doctor();
    expect(rows.map((r) => [r.check, r.status])).toEqual([
      ['Node.js', 'ok'],
      ['Timeouts', 'ok'],
      ['Log level', 'ok'],
      ['URL sources', 'ok'],
      ['Shopee credentials', 'ok'],
      ['Shopee host', 'ok'],
      ['Shopee shop', 'skip'],
      ['TracePass API key', 'ok'],
      ['TracePass host', 'ok'],
      [`Folder ${ws.root}`, 'ok'],
      ['Upload record', 'ok'],
      ['Shopee API', 'ok'],
      ['TracePass API', 'ok'],
    ]);
    expect(exitCodeOf(rows)).toBe(0);
    expect(emulator.requests.map((r) => `${r.method} ${r.path} ${r.status}`).sort()).toEqual([
      'GET /api/v1/products 200',
      'GET /api/v2/public/get_shops_by_partner 200',
    ]);
    expect(JSON.stringify(rows)).not.toContain(emulator.env.SHOPEE_PARTNER_KEY);
    expect(JSON.stringify(rows)).not.toContain(emulator.env.TRACEPASS_API_KEY);
  });

  it('checks a Shop API set-up, and warns when the shop has not authorised the app', async () => {
    const shop = {
      SHOPEE_SHOP_ID: String(DEFAULT_SHOPEE_SHOP.shopId),
      SHOPEE_ACCESS_TOKEN: DEFAULT_SHOPEE_SHOP.accessToken,
    };
    const rows = await doctor(shop);
    expect(find(rows, 'Shopee shop')).toMatchObject({
      status: 'ok',
      detail: expect.stringMatching(/^shop 600001;/),
    });
    expect(JSON.stringify(rows)).not.toContain(DEFAULT_SHOPEE_SHOP.accessToken);
    expect(find(rows, 'Shopee API')?.status).toBe('ok');

    const other = await doctor({ ...shop, SHOPEE_SHOP_ID: '777' });
    expect(find(other, 'Shopee API')).toMatchObject({
      status: 'warn',
      detail: expect.stringMatching(/shop 777 is not among them$/),
      fix: expect.stringMatching(/authorise the app for that shop.*SHOPEE_SHOP_ID/),
    });
    expect(exitCodeOf(other)).toBe(0);
  });

  // Each row that can go wrong, with what it says and the fix it gives.
  it.each<[string, Record<string, string>, string, Row['status'], RegExp, RegExp | undefined]>([
    [
      'a bad timeout',
      { UPLOAD_TIMEOUT_MS: 'soon' },
      'Timeouts',
      'warn',
      /UPLOAD_TIMEOUT_MS 'soon' ignored/,
      /120000/,
    ],
    [
      'an unknown log level',
      { LOG_LEVEL: 'verbose' },
      'Log level',
      'warn',
      /'verbose' is not a level/,
      /debug, info/,
    ],
    [
      'Shopee unset',
      { SHOPEE_PARTNER_ID: '', SHOPEE_PARTNER_KEY: '' },
      'Shopee credentials',
      'warn',
      /not configured: shopee_upload_images will refuse/,
      /set SHOPEE_PARTNER_ID and SHOPEE_PARTNER_KEY/,
    ],
    [
      'a partner key without its id',
      { SHOPEE_PARTNER_ID: '' },
      'Shopee credentials',
      'fail',
      /SHOPEE_PARTNER_ID is not set \(SHOPEE_PARTNER_KEY is\)/,
      /set SHOPEE_PARTNER_ID too/,
    ],
    [
      'a partner id that is not an integer',
      { SHOPEE_PARTNER_ID: '20O1887' },
      'Shopee credentials',
      'fail',
      /'20O1887', not a positive integer/,
      /numeric partner id/,
    ],
    [
      'an unknown region',
      { SHOPEE_BASE_URL: '', SHOPEE_REGION: 'mars' },
      'Shopee host',
      'fail',
      /SHOPEE_REGION 'mars' is not a Shopee region/,
      /global, cn, br, sandbox, sandbox-cn/,
    ],
    [
      'a malformed base URL',
      { SHOPEE_BASE_URL: 'partner.shopeemobile.com' },
      'Shopee host',
      'fail',
      /SHOPEE_BASE_URL is not a valid URL/,
      /set SHOPEE_BASE_URL to the API origin/,
    ],
    [
      'plain http to a non-loopback address',
      { SHOPEE_BASE_URL: 'http://0.0.0.0:9' },
      'Shopee host',
      'warn',
      /uses plain http to another machine/,
      /use https:\/\//,
    ],
    [
      'half a shop set-up',
      { SHOPEE_SHOP_ID: '600001' },
      'Shopee shop',
      'fail',
      /SHOPEE_SHOP_ID is set but SHOPEE_ACCESS_TOKEN is not/,
      /set SHOPEE_ACCESS_TOKEN too, or unset SHOPEE_SHOP_ID/,
    ],
    [
      'a shop id that is not an integer',
      { SHOPEE_SHOP_ID: 'shop', SHOPEE_ACCESS_TOKEN: 'token-value' },
      'Shopee shop',
      'fail',
      /'shop', not a positive integer/,
      /numeric id of the shop/,
    ],
    [
      'TracePass unset',
      { TRACEPASS_API_KEY: '' },
      'TracePass API key',
      'warn',
      /^not configured: tracepass_upload_image, tracepass_delete_image and tracepass_list_images will refuse every call$/,
      /set TRACEPASS_API_KEY/,
    ],
    [
      'a malformed TracePass URL',
      { TRACEPASS_BASE_URL: 'ftp://files.example' },
      'TracePass host',
      'fail',
      /TRACEPASS_BASE_URL must start with https:\/\//,
      /set TRACEPASS_BASE_URL to the API origin/,
    ],
    [
      'no platform at all',
      { SHOPEE_PARTNER_ID: '', SHOPEE_PARTNER_KEY: '', TRACEPASS_API_KEY: '' },
      'Platforms',
      'fail',
      /^none of Shopee, TracePass is configured: every tool call would be refused$/,
      /at least one platform/,
    ],
    [
      'a wrong partner key',
      { SHOPEE_PARTNER_KEY: 'not-the-partner-key' },
      'Shopee API',
      'fail',
      /^Shopee rejected the request signature \("error_sign": "Wrong sign\."\) \(request_id "\w+"\)\.$/,
      /^Check that SHOPEE_PARTNER_KEY is the key of SHOPEE_PARTNER_ID/,
    ],
    [
      'a partner id Shopee does not know',
      { SHOPEE_PARTNER_ID: '1234567' },
      'Shopee API',
      'fail',
      /^Shopee does not accept the partner id \("error_param": "Invalid partner_id\."\) \(request_id "\w+"\)\.$/,
      /^Check SHOPEE_PARTNER_ID and the host/,
    ],
    [
      'a wrong TracePass key',
      { TRACEPASS_API_KEY: 'tp_not_a_real_key' },
      'TracePass API',
      'fail',
      /^TracePass could not list products \(HTTP 401: "Invalid API key"\)\.$/,
      /^TracePass rejected the API key: check TRACEPASS_API_KEY/,
    ],
    [
      'a Shopee base URL where there is no API',
      { SHOPEE_BASE_URL: 'EMULATOR/wrong' },
      'Shopee API',
      'fail',
      /^There is no Shopee API at this address \("Not found": no message\)\.$/,
      /^Check SHOPEE_BASE_URL \/ SHOPEE_REGION/,
    ],
    [
      'a TracePass base URL where there is no API',
      { TRACEPASS_BASE_URL: 'EMULATOR/wrong' },
      'TracePass API',
      'fail',
      /^TracePass could not list products \(HTTP 404: "Not found"\)\.$/,
      /^There is no TracePass API at this address: check TRACEPASS_BASE_URL/,
    ],
    [
      'an OAuth access token instead of a tp_ key',
      { TRACEPASS_API_KEY: 'eyJhbGciOiJIUzI1NiJ9.not-a-tp-key' },
      'TracePass API key',
      'ok',
      /^set \(\d+ characters\); not tp_…, so taken as an OAuth access token$/,
      undefined,
    ],
    [
      'plain http to TracePass on another machine',
      { TRACEPASS_BASE_URL: 'http://0.0.0.0:9' },
      'TracePass host',
      'warn',
      /the API key would cross the network in clear/,
      /use https:\/\//,
    ],
    [
      'a host with nothing listening',
      { TRACEPASS_BASE_URL: 'http://127.0.0.1:9' },
      'TracePass API',
      'fail',
      /^Could not connect to TracePass at 127\.0\.0\.1:9 \(ECONNREFUSED\)\.$/,
      /^Check TRACEPASS_BASE_URL and the network connection/,
    ],
  ])('reports %s', async (_name, env, check, status, detail, fix) => {
    const rows = await doctor(
      Object.fromEntries(
        Object.entries(env).map(([name, value]) => [name, value.replace('EMULATOR', emulator.url)]),
      ),
    );
    const found = find(rows, check);
    expect(found).toMatchObject({ status, detail: expect.stringMatching(detail) });
    if (fix) expect(found?.fix).toMatch(fix);
    if (status === 'fail') expect(exitCodeOf(rows)).toBe(1);
    expect(JSON.stringify(rows)).not.toMatch(
      /not-the-partner-key|tp_not_a_real_key|token-value|not-a-tp-key/,
    );
  });

  it('skips the live call of a platform that is not configured, or configured wrongly', async () => {
    const rows = await doctor({ SHOPEE_PARTNER_ID: 'abc', TRACEPASS_API_KEY: '' });
    expect(find(rows, 'Shopee API')).toEqual({
      check: 'Shopee API',
      status: 'skip',
      detail: 'not called: fix the Shopee configuration rows first',
    });
    expect(find(rows, 'TracePass API')?.detail).toBe('not called: TracePass is not configured');
    expect(emulator.requests).toEqual([]);
  });

  it('gives up on a platform that does not answer, with the timeout in the fix', async () => {
    emulator.inject({ platform: 'tracepass', kind: 'slow', delayMs: 5_000 });
    const rows = await doctor({ UPLOAD_TIMEOUT_MS: '200' });
    expect(find(rows, 'TracePass API')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/^TracePass \(127\.0\.0\.1:\d+\) did not answer within 0\.2 s\.$/),
      fix: expect.stringMatching(/raise UPLOAD_TIMEOUT_MS/),
    });
  });

  it.each<[string, (ws: Workspace) => string[], Row['status'], RegExp, RegExp | undefined]>([
    ['no folder', () => [], 'warn', /none given/, /pass the image folders as arguments/],
    ['a missing folder', (w) => [join(w.base, 'nope')], 'fail', /does not exist$/, /create it/],
    ['a file', (w) => [w.png('x.png')], 'fail', /is a file, not a folder/, /folder that holds the images/],
    ['a relative folder', () => ['root'], 'warn', /but relative/, /absolute path/],
  ])('reports %s among the allowed folders', async (_name, folders, status, detail, fix) => {
    const rows = await doctor({}, folders(ws));
    const found = rows.find((r) => r.check.startsWith('Folder'));
    expect(found).toMatchObject({ status, detail: expect.stringMatching(detail) });
    if (fix) expect(found?.fix).toMatch(fix);
  });

  it.skipIf(process.getuid?.() === 0)('reports a folder it cannot read', async () => {
    const locked = join(ws.base, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o000);
    try {
      const found = (await doctor({}, [locked])).find((r) => r.check.startsWith('Folder'));
      expect(found).toMatchObject({
        status: 'fail',
        detail: expect.stringMatching(/cannot be read \(EACCES\)/),
      });
    } finally {
      chmodSync(locked, 0o755);
    }
  });

  it('fails on a Node.js older than the engines field allows', async () => {
    const rows = await runChecks({ env: emulator.env, folders: [ws.root], nodeVersion: '20.18.0' });
    expect(find(rows, 'Node.js')).toMatchObject({
      status: 'fail',
      detail: 'v20.18.0 is too old: the server needs 20.18.1 or newer',
      fix: expect.stringMatching(/install a current Node\.js LTS/),
    });
  });
});
