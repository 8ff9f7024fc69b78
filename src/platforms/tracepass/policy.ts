import type { RetryPolicy } from '../../http/retry.js';

const TRANSIENT = { kinds: ['unreachable', 'network', 'timeout'], statuses: ['5xx'], codes: [] } as const;

/**
 * Reads are safe to resend. Uploads are not (TracePass takes no Idempotency-Key), so they are resent
 * only after the product was read again and showed no new image (`uploadImageOnce`). A DELETE is never
 * resent: indices shift. The daily budget (429) is not retried.
 */
export const TRACEPASS_POLICIES = {
  read: { attempts: 3, baseDelayMs: 300, maxDelayMs: 3_000, ...TRANSIENT },
  upload: { attempts: 3, baseDelayMs: 500, maxDelayMs: 4_000, ...TRANSIENT },
} as const satisfies Record<string, RetryPolicy>;
