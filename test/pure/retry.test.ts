import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../src/http/errors.js';
import { NEVER_RETRY, backoffMs, isRetryable, withRetries } from '../../src/http/retry.js';
import { SHOPEE_POLICIES } from '../../src/platforms/shopee/policy.js';
import { TRACEPASS_POLICIES } from '../../src/platforms/tracepass/policy.js';

const shopeeError = (code: string, status = 200) =>
  new UpstreamError({ platform: 'Shopee', kind: 'http', status, code, detail: code, fix: '' });
const failure = (kind: UpstreamError['kind'], status?: number) =>
  new UpstreamError({ platform: 'TracePass', kind, status, detail: kind, fix: '' });
const fast = { ...SHOPEE_POLICIES.calls, baseDelayMs: 1, maxDelayMs: 1 };

describe('retry policies', () => {
  it('retries Shopee transient failures and never its permanent ones', () => {
    const p = SHOPEE_POLICIES.calls;
    for (const code of ['error_server', 'error_network', 'error_rate_limit'])
      expect(isRetryable(p, shopeeError(code))).toBe(true);
    for (const code of ['error_sign', 'error_param', 'error_auth', 'error_limit'])
      expect(isRetryable(p, shopeeError(code, 403))).toBe(false);
    expect(isRetryable(p, failure('network'))).toBe(true);
    expect(isRetryable(p, failure('timeout'))).toBe(true);
    expect(isRetryable(p, failure('http', 502))).toBe(true);
    expect(isRetryable(p, failure('cancelled'))).toBe(false);
    expect(isRetryable(p, failure('oversize'))).toBe(false);
    expect(isRetryable(p, new Error('plain'))).toBe(false);
  });

  it('never retries TracePass 4xx, including the 429 daily budget', () => {
    for (const status of [400, 401, 403, 404, 413, 415, 422, 429]) {
      expect(isRetryable(TRACEPASS_POLICIES.upload, failure('http', status))).toBe(false);
    }
    expect(isRetryable(TRACEPASS_POLICIES.upload, failure('http', 500))).toBe(true);
    expect(isRetryable(NEVER_RETRY, failure('network'))).toBe(false);
  });

  it('backs off exponentially with jitter, capped', () => {
    const p = SHOPEE_POLICIES.calls;
    expect(backoffMs(p, 1, () => 1)).toBe(500);
    expect(backoffMs(p, 2, () => 1)).toBe(1000);
    expect(backoffMs(p, 2, () => 0)).toBe(500);
    expect(backoffMs(p, 10, () => 1)).toBe(4000);
  });
});

describe('withRetries', () => {
  it('stops after the policy attempts and logs each retry once, in one place', async () => {
    const lines: string[] = [];
    const logger = { log: (level: string, message: string) => lines.push(`${level}: ${message}`) };
    let calls = 0;
    const failing = async () => {
      calls++;
      throw shopeeError('error_server', 500);
    };
    await expect(withRetries(fast, failing, { what: 'Shopee upload', logger })).rejects.toThrow(
      'error_server',
    );
    expect(calls).toBe(3);
    expect(lines).toEqual([
      expect.stringMatching(/^warning: Shopee upload failed, retrying \(attempt 2 of 3 in \d+ ms\)$/),
      expect.stringMatching(/^warning: Shopee upload failed, retrying \(attempt 3 of 3 in \d+ ms\)$/),
    ]);
    calls = 0;
    await expect(withRetries(fast, async () => ++calls, { what: 'x' })).resolves.toBe(1);
  });

  it('lets the recover hook settle the call, veto nothing, or throw a better error', async () => {
    let calls = 0;
    const attempt = async () => {
      calls++;
      throw failure('network');
    };
    const settled = await withRetries(fast, attempt, {
      what: 'x',
      recover: async () => ({ value: 'found' }),
    });
    expect([settled, calls]).toEqual(['found', 1]);

    calls = 0;
    const seen: number[] = [];
    await expect(
      withRetries(fast, attempt, { what: 'x', recover: async (_e, n) => void seen.push(n) }),
    ).rejects.toThrow('network');
    expect([calls, seen]).toEqual([3, [1, 2, 3]]);

    await expect(
      withRetries(fast, attempt, { what: 'x', recover: async () => Promise.reject(new Error('better')) }),
    ).rejects.toThrow('better');
  });

  it('passes errors that are not upstream failures straight through, without a retry', async () => {
    let calls = 0;
    const attempt = async () => {
      calls++;
      throw new Error('file refused');
    };
    await expect(withRetries(fast, attempt, { what: 'x' })).rejects.toThrow('file refused');
    expect(calls).toBe(1);
  });
});
