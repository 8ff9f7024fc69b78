import { describe, expect, it } from 'vitest';
import type { Env } from '../../src/config/env.js';
import { DEFAULT_SHOPEE_PARTNER, DEFAULT_TRACEPASS_API_KEY } from '../../src/emulator/index.js';
import { readShopeeConfig } from '../../src/platforms/shopee/config.js';
import { readTracePassConfig } from '../../src/platforms/tracepass/config.js';
import { expectNoSecrets, show, type Explained } from '../helpers/error-texts.js';

/**
 * Configuration problems, as the readers phrase them: a tool of a platform configured wrongly answers
 * with exactly this problem, before any file is read or anything is sent (see error-texts-*.test.ts).
 */
interface ConfigCase extends Explained {
  read: typeof readShopeeConfig | typeof readTracePassConfig;
  /** On top of a working set-up (set a value to '' to unset it). */
  env: Env;
}

const WORKING: Env = {
  SHOPEE_PARTNER_ID: String(DEFAULT_SHOPEE_PARTNER.partnerId),
  SHOPEE_PARTNER_KEY: DEFAULT_SHOPEE_PARTNER.partnerKey,
  SHOPEE_BASE_URL: 'http://127.0.0.1:8080',
  TRACEPASS_API_KEY: DEFAULT_TRACEPASS_API_KEY,
  TRACEPASS_BASE_URL: 'http://127.0.0.1:8080',
};

const CASES: Record<string, ConfigCase> = {
  'Shopee not configured': {
    read: readShopeeConfig,
    env: { SHOPEE_PARTNER_ID: '', SHOPEE_PARTNER_KEY: '' },
    what: /^Shopee is not configured:/,
    fix: /: set SHOPEE_PARTNER_ID and SHOPEE_PARTNER_KEY in the MCP server's environment \(and SHOPEE_REGION or SHOPEE_BASE_URL if you are not on the global host\)\.$/,
  },
  'a partner id that is not a number': {
    read: readShopeeConfig,
    env: { SHOPEE_PARTNER_ID: 'partner-1' },
    what: /^SHOPEE_PARTNER_ID is 'partner-1', not a positive integer:/,
    fix: /: set SHOPEE_PARTNER_ID to the numeric partner id of your Shopee app, e\.g\. 2001887\.$/,
  },
  'an unknown region': {
    read: readShopeeConfig,
    env: { SHOPEE_BASE_URL: '', SHOPEE_REGION: 'mars' },
    what: /^SHOPEE_REGION 'mars' is not a Shopee region:/,
    fix: /: set SHOPEE_REGION to one of global, cn, br, sandbox, sandbox-cn, or set SHOPEE_BASE_URL\.$/,
  },
  'a malformed SHOPEE_BASE_URL': {
    read: readShopeeConfig,
    env: { SHOPEE_BASE_URL: 'partner.shopeemobile.com' },
    what: /^SHOPEE_BASE_URL is not a valid URL \('partner\.shopeemobile\.com'\):/,
    fix: /: set SHOPEE_BASE_URL to the API origin \(e\.g\. https:\/\/partner\.shopeemobile\.com\), or unset it and use SHOPEE_REGION\.$/,
  },
  'half a shop set-up': {
    read: readShopeeConfig,
    env: { SHOPEE_ACCESS_TOKEN: 'token-0001' },
    what: /^SHOPEE_ACCESS_TOKEN is set but SHOPEE_SHOP_ID is not; Shop API calls need both:/,
    fix: /: set SHOPEE_SHOP_ID too, or unset SHOPEE_ACCESS_TOKEN for public calls\.$/,
  },
  'a shop id that is not a number': {
    read: readShopeeConfig,
    env: { SHOPEE_SHOP_ID: 'my-shop', SHOPEE_ACCESS_TOKEN: 'token-0001' },
    what: /^SHOPEE_SHOP_ID is 'my-shop', not a positive integer:/,
    fix: /: set SHOPEE_SHOP_ID to the numeric id of the shop\.$/,
  },
  'TracePass not configured': {
    read: readTracePassConfig,
    env: { TRACEPASS_API_KEY: '' },
    what: /^TracePass is not configured:/,
    fix: /: set TRACEPASS_API_KEY \(a tp_… API key from Developer → API Keys, or an OAuth access token\) in the MCP server's environment\.$/,
  },
  'a TracePass base URL that is not http(s)': {
    read: readTracePassConfig,
    env: { TRACEPASS_BASE_URL: 'ftp://app.tracepass.eu' },
    what: /^TRACEPASS_BASE_URL must start with https:\/\/ \(or http:\/\/ for a local emulator\), got 'ftp:\/\/app\.tracepass\.eu':/,
    fix: /: set TRACEPASS_BASE_URL to the API origin, or unset it for https:\/\/app\.tracepass\.eu\.$/,
  },
};

describe('every configuration problem says what is wrong and what to set', () => {
  it.each(Object.entries(CASES))('%s', (name, c) => {
    const { setting } = c.read({ ...WORKING, ...c.env });
    expect(setting.ok).toBe(false);
    const problem = setting.ok ? '' : setting.problem;
    show(name, problem);
    expect(problem).toMatch(c.what);
    expect(problem).toMatch(c.fix);
    expectNoSecrets(problem);
    expect(problem).not.toContain('token-0001');
  });
});
