import { setTimeout as sleep } from 'node:timers/promises';
import { UpstreamError } from './errors.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Resend after these failure kinds. */
  kinds: readonly UpstreamError['kind'][];
  /** Resend after these HTTP statuses (a number, or `5xx` for the whole class). */
  statuses: readonly (number | '5xx')[];
  /** Resend after these platform error codes, whatever the status. */
  codes: readonly string[];
}

/**
 * When each platform's calls are resent. Shopee uploads are safe to resend (an unused media-space image
 * is never shown); TracePass uploads are not, so they resend only through the read-check-upload protocol,
 * and a TracePass DELETE is never resent. Daily caps (Shopee `error_limit`, TracePass 429) are not retried.
 */
export const RETRY_POLICIES = {
  shopee: {
    attempts: 3,
    baseDelayMs: 500,
    maxDelayMs: 4_000,
    kinds: ['unreachable', 'network', 'timeout'],
    statuses: ['5xx'],
    codes: ['error_server', 'error_network', 'error_rate_limit'],
  },
  tracepassRead: {
    attempts: 3,
    baseDelayMs: 300,
    maxDelayMs: 3_000,
    kinds: ['unreachable', 'network', 'timeout'],
    statuses: ['5xx'],
    codes: [],
  },
  tracepassUpload: {
    attempts: 3,
    baseDelayMs: 500,
    maxDelayMs: 4_000,
    kinds: ['unreachable', 'network', 'timeout'],
    statuses: ['5xx'],
    codes: [],
  },
  never: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0, kinds: [], statuses: [], codes: [] },
} as const satisfies Record<string, RetryPolicy>;

export type RetryPolicies = { [K in keyof typeof RETRY_POLICIES]: RetryPolicy };

export function isRetryable(policy: RetryPolicy, error: unknown): boolean {
  if (!(error instanceof UpstreamError)) return false;
  if (policy.kinds.includes(error.kind)) return true;
  if (error.kind !== 'http') return false;
  if (error.code !== undefined && policy.codes.includes(error.code)) return true;
  const status = error.status ?? 0;
  return policy.statuses.some((s) => s === status || (s === '5xx' && status >= 500 && status <= 599));
}

/** Exponential backoff with full jitter, capped. */
export function backoffMs(
  policy: RetryPolicy,
  failedAttempt: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempt - 1));
  return Math.round(ceiling * (0.5 + random() / 2));
}

export interface RetryHooks {
  signal?: AbortSignal;
  /** Called before each resend, with the failure that caused it. */
  onRetry?: (attempt: number, error: UpstreamError, delayMs: number) => void;
}

/** Runs `attempt` (1-based) until it succeeds, fails for good, or the policy's attempts run out. */
export async function withRetries<T>(
  policy: RetryPolicy,
  attempt: (n: number) => Promise<T>,
  hooks: RetryHooks = {},
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (n >= policy.attempts || !isRetryable(policy, error) || hooks.signal?.aborted) throw error;
      const delay = backoffMs(policy, n);
      hooks.onRetry?.(n + 1, error as UpstreamError, delay);
      await sleep(delay, undefined, { signal: hooks.signal }).catch(() => {
        throw error;
      });
    }
  }
}
