import { LedgerBusyError } from './errors.js';
import type { LedgerKey, LedgerTuning } from './types.js';

export type Release = () => Promise<void>;

/** What both backends' lock functions take. */
export interface LockOptions {
  staleMs: number;
  waitMs: number;
  /** The lock was lost while held: it expired, or someone removed it. */
  onLost: (reason: string) => void;
  timedOut: (waitedMs: number) => Error;
}

/** withLock for any backend: the same expiry, waiting, warning and error, whatever holds the lock. */
export async function underKeyLock<T>(
  key: LedgerKey,
  tuning: LedgerTuning,
  acquire: (options: LockOptions) => Promise<Release>,
  fn: () => Promise<T>,
): Promise<T> {
  const release = await acquire({
    staleMs: tuning.lockStaleMs,
    waitMs: tuning.lockWaitMs,
    onLost: (reason) =>
      tuning.warn(
        `Lost the upload lock for product ${key.productId} (${reason}): ` +
          'a concurrent call may upload the same image.',
      ),
    timedOut: (waited) => new LedgerBusyError(key.productId, waited),
  });
  try {
    return await fn();
  } finally {
    await release();
  }
}
