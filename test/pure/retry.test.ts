import { describe, expect, it } from 'vitest';
import { UpstreamError, redact } from '../../src/http/errors.js';
import { RETRY_POLICIES, backoffMs, isRetryable, withRetries } from '../../src/http/retry.js';

const shopeeError = (code: string, status = 200) =>
  new UpstreamError({ platform: 'Shopee', kind: 'http', status, code, message: code });
const failure = (kind: UpstreamError['kind'], status?: number) =>
  new UpstreamError({ platform: 'TracePass', kind, status, message: kind });

describe('retry table', () => {
  it('retries Shopee transient failures and never its permanent ones', () => {
    const p = RETRY_POLICIES.shopee;
    for (const code of ['error_server', 'error_network', 'error_rate_limit'])
      expect(isRetryable(p, shopeeError(code))).toBe(true);
    for (const code of ['error_sign', 'error_param', 'error_auth', 'error_limit'])
      expect(isRetryable(p, shopeeError(code, 403))).toBe(false);
    expect(isRetryable(p, failure('network'))).toBe(true);
    expect(isRetryable(p, failure('timeout'))).toBe(true);
    expect(isRetryable(p, failure('http', 502))).toBe(true);
    expect(isRetryable(p, failure('cancelled'))).toBe(false);
    expect(isRetryable(p, new Error('plain'))).toBe(false);
  });

  it('never retries TracePass 4xx, including the 429 daily budget', () => {
    for (const status of [400, 401, 403, 404, 413, 415, 422, 429]) {
      expect(isRetryable(RETRY_POLICIES.tracepassUpload, failure('http', status))).toBe(false);
    }
    expect(isRetryable(RETRY_POLICIES.tracepassUpload, failure('http', 500))).toBe(true);
    expect(isRetryable(RETRY_POLICIES.never, failure('network'))).toBe(false);
  });

  it('backs off exponentially with jitter, capped', () => {
    const p = RETRY_POLICIES.shopee;
    expect(backoffMs(p, 1, () => 1)).toBe(500);
    expect(backoffMs(p, 2, () => 1)).toBe(1000);
    expect(backoffMs(p, 2, () => 0)).toBe(500);
    expect(backoffMs(p, 10, () => 1)).toBe(4000);
  });

  it('stops after the policy attempts and reports each retry', async () => {
    const fast = { ...RETRY_POLICIES.shopee, baseDelayMs: 1, maxDelayMs: 1 };
    const seen: number[] = [];
    let calls = 0;
    await expect(
      withRetries(
        fast,
        async () => {
          calls++;
          throw shopeeError('error_server', 500);
        },
        { onRetry: (n) => seen.push(n) },
      ),
    ).rejects.toThrow('error_server');
    expect(calls).toBe(3);
    expect(seen).toEqual([2, 3]);
    calls = 0;
    await expect(withRetries(fast, async () => ++calls)).resolves.toBe(1);
  });
});

describe('redact', () => {
  it('removes secrets, signatures, tokens and bearer values', () => {
    const text =
      'key=supersecret url=/x?partner_id=1&sign=abcdef0123&access_token=tok_1 Authorization: Bearer tp_live_1';
    const clean = redact(text, ['supersecret']);
    expect(clean).toBe(
      'key=[redacted] url=/x?partner_id=1&sign=[redacted]&access_token=[redacted] Authorization: Bearer [redacted]',
    );
  });

  it('is applied where UpstreamError is built', () => {
    const error = new UpstreamError({
      platform: 'TracePass',
      kind: 'http',
      message: 'bad key tp_secret_value',
      secrets: ['tp_secret_value'],
    });
    expect(error.message).toBe('bad key [redacted]');
  });
});
