import { describe, expect, it } from 'vitest';
import type { Env } from '../../src/config/env.js';
import { readRuntime } from '../../src/config/runtime.js';
import { PLATFORMS } from '../../src/platforms/index.js';
import { readShopeeConfig } from '../../src/platforms/shopee/config.js';
import { readTracePassConfig } from '../../src/platforms/tracepass/config.js';

const shopee = { SHOPEE_PARTNER_ID: '2001887', SHOPEE_PARTNER_KEY: 'key-123456' };
const problem = (env: Env) => {
  const { setting } = readShopeeConfig(env);
  return setting.ok ? 'ok' : setting.problem;
};

describe('the platform configuration readers', () => {
  it('start with no credentials and say which variables to set', () => {
    const s = readShopeeConfig({});
    expect([s.setting, s.configured]).toEqual([
      { ok: false, problem: expect.stringContaining('set SHOPEE_PARTNER_ID and SHOPEE_PARTNER_KEY') },
      false,
    ]);
    expect(s.findings).toEqual([
      expect.objectContaining({ status: 'warn', detail: expect.stringContaining('not configured') }),
    ]);
    const t = readTracePassConfig({});
    expect(t.setting).toEqual({ ok: false, problem: expect.stringContaining('set TRACEPASS_API_KEY') });
  });

  it('pick the Shopee host from SHOPEE_REGION, global by default', () => {
    const host = (env: Env) => {
      const { setting } = readShopeeConfig({ ...shopee, ...env });
      return setting.ok ? setting.value.baseUrl : setting.problem;
    };
    expect(host({})).toBe('https://partner.shopeemobile.com');
    expect(host({ SHOPEE_REGION: 'cn' })).toBe('https://openplatform.shopee.cn');
    expect(host({ SHOPEE_REGION: 'br' })).toBe('https://openplatform.shopee.com.br');
    expect(host({ SHOPEE_REGION: 'sandbox' })).toBe('https://openplatform.sandbox.test-stable.shopee.sg');
    expect(host({ SHOPEE_REGION: 'sandbox-cn' })).toBe('https://openplatform.sandbox.test-stable.shopee.cn');
    expect(host({ SHOPEE_REGION: 'mars' })).toMatch(
      /SHOPEE_REGION 'mars' is not a Shopee region: set SHOPEE_REGION to one of global, cn, br/,
    );
    expect(host({ SHOPEE_REGION: 'cn', SHOPEE_BASE_URL: 'http://127.0.0.1:9/' })).toBe('http://127.0.0.1:9');
  });

  it('refuse malformed values with the variable named, and the setting follows the findings', () => {
    expect(problem({ ...shopee, SHOPEE_PARTNER_ID: '12ab' })).toMatch(
      /SHOPEE_PARTNER_ID is '12ab', not a positive integer/,
    );
    expect(problem({ SHOPEE_PARTNER_ID: '1' })).toMatch(/SHOPEE_PARTNER_KEY is not set/);
    expect(problem({ ...shopee, SHOPEE_BASE_URL: 'not a url' })).toMatch(
      /SHOPEE_BASE_URL is not a valid URL/,
    );
    expect(problem({ ...shopee, SHOPEE_BASE_URL: 'ftp://x' })).toMatch(
      /SHOPEE_BASE_URL must start with https:\/\//,
    );
    expect(problem({ ...shopee, SHOPEE_SHOP_ID: '1' })).toMatch(/Shop API calls need both/);
    expect(problem({ ...shopee, SHOPEE_SHOP_ID: 'x', SHOPEE_ACCESS_TOKEN: 't' })).toMatch(
      /SHOPEE_SHOP_ID is 'x', not a positive integer/,
    );
    const tp = readTracePassConfig({ TRACEPASS_API_KEY: 'tp_x', TRACEPASS_BASE_URL: '::' }).setting;
    expect(tp.ok ? 'ok' : tp.problem).toMatch(/TRACEPASS_BASE_URL is not a valid URL/);
    // A warning (plain http to another machine) does not make the setting unusable.
    expect(problem({ ...shopee, SHOPEE_BASE_URL: 'http://shopee.example' })).toBe('ok');
  });

  it('use Shop mode only when both shop variables are set', () => {
    const { setting } = readShopeeConfig({
      ...shopee,
      SHOPEE_SHOP_ID: '14701711',
      SHOPEE_ACCESS_TOKEN: 'tok_abc123',
    });
    expect(setting.ok && setting.value.shop).toEqual({ shopId: 14701711, accessToken: 'tok_abc123' });
  });

  it('name every secret variable of every platform, set or not valid', () => {
    const env = {
      ...shopee,
      SHOPEE_PARTNER_ID: 'bad',
      SHOPEE_ACCESS_TOKEN: 'tok_abc123',
      TRACEPASS_API_KEY: 'tp_k',
    };
    expect(PLATFORMS.flatMap((p) => p.secretsIn(env)).sort()).toEqual(['key-123456', 'tok_abc123', 'tp_k']);
  });
});

describe('readRuntime', () => {
  it('reads timeouts, falling back on bad values and saying so', () => {
    expect(readRuntime({}).config.http).toEqual({ connectTimeoutMs: 10_000, requestTimeoutMs: 120_000 });
    const bad = readRuntime({ UPLOAD_TIMEOUT_MS: '5000', CONNECT_TIMEOUT_MS: '-1' });
    expect(bad.config.http).toEqual({ connectTimeoutMs: 10_000, requestTimeoutMs: 5000 });
    expect(bad.findings[0]).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining("CONNECT_TIMEOUT_MS '-1' ignored"),
    });
  });

  it('reads LOG_LEVEL, warning by default', () => {
    expect(readRuntime({}).config.logLevel).toBe('warning');
    expect(readRuntime({ LOG_LEVEL: 'debug' }).config.logLevel).toBe('debug');
    const bad = readRuntime({ LOG_LEVEL: 'loud' });
    expect(bad.config.logLevel).toBe('warning');
    expect(bad.findings[1]).toMatchObject({
      status: 'warn',
      fix: expect.stringContaining('debug, info, notice'),
    });
  });
});
