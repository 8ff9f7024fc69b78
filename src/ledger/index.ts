import { openFileLedger } from './file.js';
import { LOCK_STALE_MS, LOCK_WAIT_MS, MAX_ENTRIES } from './limits.js';
import { DEFAULT_REDIS_PREFIX, openRedisLedger } from './redis.js';
import type { LedgerTuning, UploadLedger } from './types.js';

export { LedgerBusyError } from './errors.js';
export { LOCK_STALE_MS, LOCK_WAIT_MS, MAX_ENTRIES } from './limits.js';
export { defaultStateDir } from './state-dir.js';
export type { LedgerKey, UploadLedger } from './types.js';

export interface OpenLedgerOptions extends Partial<LedgerTuning> {
  /** LEDGER_URL: a redis:// or rediss:// URL; unset or empty keeps the record in stateDir. */
  ledgerUrl?: string;
  /** CATALOG_UPLOAD_STATE_DIR, or defaultStateDir(): where the file record lives. */
  stateDir: string;
  /** Namespace of the Redis keys, so several deployments can share one Redis. */
  redisPrefix?: string;
}

/** Opens the upload record that the configuration names: Redis when ledgerUrl is set, else a file. */
export async function openLedger(options: OpenLedgerOptions): Promise<UploadLedger> {
  const tuning: LedgerTuning = {
    maxEntries: options.maxEntries ?? MAX_ENTRIES,
    lockStaleMs: options.lockStaleMs ?? LOCK_STALE_MS,
    lockWaitMs: options.lockWaitMs ?? LOCK_WAIT_MS,
    // stderr: on stdio, stdout is the protocol channel.
    warn: options.warn ?? ((message) => console.error(message)),
  };
  if (options.ledgerUrl) {
    return openRedisLedger(options.ledgerUrl, options.redisPrefix ?? DEFAULT_REDIS_PREFIX, tuning);
  }
  return openFileLedger(options.stateDir, tuning);
}
