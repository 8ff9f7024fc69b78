/** Entries kept in the record. At ~250 bytes each the file stays near 2.5 MB, read whole per call. */
export const MAX_ENTRIES = 10_000;

/** A key lock nobody refreshed for this long belongs to a crashed holder. The holder refreshes it
 *  every third of this, so only a process that stopped running (or a stalled event loop) loses it. */
export const LOCK_STALE_MS = 90_000;

/** How long a call waits for a concurrent upload of the same bytes to the same product. Longer than
 *  one upload with its retries, so the second call normally sees the first one's result. */
export const LOCK_WAIT_MS = 180_000;

/** The short lock around one read-modify-write of the record file. */
export const FILE_UPDATE_STALE_MS = 10_000;
