/** One upload: the TracePass base URL, the product and the SHA-256 (hex) of the bytes that were sent. */
export interface LedgerKey {
  baseUrl: string;
  productId: string;
  sha256: string;
}

/** The upload record ("ledger"): what was uploaded where, so a re-sent call does not upload again. */
export interface UploadLedger {
  /** Where the record lives, for doctor: a file path, or a redis URL with any password removed. */
  readonly location: string;
  /** Runs fn holding the key's lock — shared by every process/replica using the same record, expiring
   *  (so a crashed holder cannot block forever) — so two concurrent calls for the same key serialize. */
  withLock<T>(key: LedgerKey, fn: () => Promise<T>): Promise<T>;
  /** The image URL recorded for that key. */
  lookup(key: LedgerKey): Promise<string | undefined>;
  /** Atomic write; prunes the oldest entries beyond the bound. */
  record(key: LedgerKey, imageUrl: string): Promise<void>;
  /** Drops a stale entry (the image is gone from the product). */
  forget(key: LedgerKey): Promise<void>;
  /** Entries, for doctor. */
  size(): Promise<number>;
  close(): Promise<void>;
}

/** Tuning shared by both backends; defaults in limits.ts. */
export interface LedgerTuning {
  /** Entries kept; the oldest beyond this are pruned on record. */
  maxEntries: number;
  /** A key lock not refreshed for this long is free again (its holder crashed). */
  lockStaleMs: number;
  /** How long withLock waits for another holder before giving up with LedgerBusyError. */
  lockWaitMs: number;
  /** Told about recoverable trouble (a corrupt record moved aside, a lock lost, Redis errors). */
  warn: (message: string) => void;
}
