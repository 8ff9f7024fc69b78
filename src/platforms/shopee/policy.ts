import type { RetryPolicy } from '../../http/retry.js';

/**
 * Shopee uploads are safe to resend: an unused media-space image is never shown. The daily cap
 * (`error_limit`) is not retried; a fresh timestamp and signature go with every attempt.
 */
export const SHOPEE_POLICIES = {
  calls: {
    attempts: 3,
    baseDelayMs: 500,
    maxDelayMs: 4_000,
    kinds: ['unreachable', 'network', 'timeout'],
    statuses: ['5xx'],
    codes: ['error_server', 'error_network', 'error_rate_limit'],
  },
} as const satisfies Record<string, RetryPolicy>;
