import { describe, expect, it } from 'vitest';
import { loadConfig, secretsOf } from '../../src/config.js';

const shopee = { SHOPEE_PARTNER_ID: '2001887', SHOPEE_PARTNER_KEY: 'key-123456' };

describe('loadConfig', () => {
  it('starts with no credentials and says which variables to set', () => {
    const config = loadConfig({});
    expect(config.shopee).toEqual({
      ok: false,
      problem: expect.stringContaining('set SHOPEE_PARTNER_ID and SHOPEE_PARTNER_KEY'),
    });
    expect(config.tracepass).toEqual({
      ok: false,
      problem: expect.stringContaining('set TRACEPASS_API_KEY'),
    });
  });

  it('picks the host from SHOPEE_REGION, global by default', () => {
    const host = (env: Record<string, string>) => {
      const config = loadConfig({ ...shopee, ...env }).shopee;
      return config.ok ? config.value.baseUrl : config.problem;
    };
    expect(host({})).toBe('https://partner.shopeemobile.com');
    expect(host({ SHOPEE_REGION: 'cn' })).toBe('https://openplatform.shopee.cn');
    expect(host({ SHOPEE_REGION: 'br' })).toBe('https://openplatform.shopee.com.br');
    expect(host({ SHOPEE_REGION: 'sandbox' })).toBe('https://openplatform.sandbox.test-stable.shopee.sg');
    expect(host({ SHOPEE_REGION: 'sandbox-cn' })).toBe('https://openplatform.sandbox.test-stable.shopee.cn');
    expect(host({ SHOPEE_REGION: 'mars' })).toMatch(
      /SHOPEE_REGION 'mars' is unknown: use one of global, cn, br/,
    );
    expect(host({ SHOPEE_REGION: 'cn', SHOPEE_BASE_URL: 'http://127.0.0.1:9/' })).toBe('http://127.0.0.1:9');
  });

  it('refuses malformed values with the variable named', () => {
    const problem = (env: Record<string, string>) => {
      const config = loadConfig(env);
      return config.shopee.ok ? 'ok' : config.shopee.problem;
    };
    expect(problem({ ...shopee, SHOPEE_PARTNER_ID: '12ab' })).toMatch(
      /SHOPEE_PARTNER_ID must be a positive integer/,
    );
    expect(problem({ ...shopee, SHOPEE_BASE_URL: 'not a url' })).toMatch(
      /SHOPEE_BASE_URL is not a valid URL/,
    );
    expect(problem({ ...shopee, SHOPEE_BASE_URL: 'ftp://x' })).toMatch(
      /SHOPEE_BASE_URL must start with https:\/\//,
    );
    expect(problem({ ...shopee, SHOPEE_SHOP_ID: '1' })).toMatch(
      /need both SHOPEE_SHOP_ID and SHOPEE_ACCESS_TOKEN/,
    );
    expect(problem({ ...shopee, SHOPEE_SHOP_ID: 'x', SHOPEE_ACCESS_TOKEN: 't' })).toMatch(
      /SHOPEE_SHOP_ID must be a positive integer/,
    );
    const tp = loadConfig({ TRACEPASS_API_KEY: 'tp_x', TRACEPASS_BASE_URL: '::' }).tracepass;
    expect(tp.ok ? 'ok' : tp.problem).toMatch(/TRACEPASS_BASE_URL is not a valid URL/);
  });

  it('uses Shop mode only when both shop variables are set, and treats their values as secrets', () => {
    const config = loadConfig({
      ...shopee,
      SHOPEE_SHOP_ID: '14701711',
      SHOPEE_ACCESS_TOKEN: 'tok_abc123',
      TRACEPASS_API_KEY: 'tp_k',
    });
    expect(config.shopee.ok && config.shopee.value.shop).toEqual({
      shopId: 14701711,
      accessToken: 'tok_abc123',
    });
    expect(secretsOf(config).sort()).toEqual(['key-123456', 'tok_abc123', 'tp_k']);
  });

  it('reads timeouts, falling back on bad values', () => {
    expect(loadConfig({}).http).toEqual({ connectTimeoutMs: 10_000, requestTimeoutMs: 120_000 });
    expect(loadConfig({ UPLOAD_TIMEOUT_MS: '5000', CONNECT_TIMEOUT_MS: '-1' }).http).toEqual({
      connectTimeoutMs: 10_000,
      requestTimeoutMs: 5000,
    });
  });
});
