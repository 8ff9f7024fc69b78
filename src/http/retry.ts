import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logging.js';
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

/** For calls that must never be resent (a delete), and for doctor, which shows the first failure. */
export const NEVER_RETRY: RetryPolicy = {
  attempts: 1,
  baseDelayMs: 0,
  maxDelayMs: 0,
  kinds: [],
  statuses: [],
  codes: [],
};

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

export interface RetryOptions<T> {
  /** What is being tried, for the log line: "Shopee upload". */
  what: string;
  signal?: AbortSignal;
  logger?: Logger;
  /**
   * Runs after every upstream failure, before the retry decision. It may settle the call (a TracePass
   * upload whose answer was lost but whose image is on the product), throw a better error, or return
   * undefined to let the policy decide.
   */
  recover?: (error: UpstreamError, attempt: number) => Promise<{ value: T } | undefined>;
}

/** Runs `attempt` (1-based) until it succeeds, fails for good, or the policy's attempts run out. */
export async function withRetries<T>(
  policy: RetryPolicy,
  attempt: (n: number) => Promise<T>,
  { what, signal, logger, recover }: RetryOptions<T>,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      const settled = await recover?.(error, n);
      if (settled) return settled.value;
      if (n >= policy.attempts || !isRetryable(policy, error) || signal?.aborted) throw error;
      const delayMs = backoffMs(policy, n);
      logger?.log(
        'warning',
        `${what} failed, retrying (attempt ${n + 1} of ${policy.attempts} in ${delayMs} ms)`,
        {
          reason: error.message,
        },
      );
      await sleep(delayMs, undefined, { signal }).catch(() => {
        throw error;
      });
    }
  }
}
