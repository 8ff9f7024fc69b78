import { createClient } from '@redis/client';
import { keyId } from './key.js';
import { underKeyLock } from './key-lock.js';
import { lockKey, type RedisClient } from './redis-lock.js';
import { FORGET, RECORD } from './redis-scripts.js';
import { redactRedisUrl } from './redis-url.js';
import type { LedgerKey, LedgerTuning, UploadLedger } from './types.js';

/** The hash tag keeps every key in one Redis Cluster slot, as multi-key scripts require. */
export const DEFAULT_REDIS_PREFIX = '{catalog-upload-mcp}:';

const CONNECT_ATTEMPTS = 3;

/**
 * The upload record in Redis (LEDGER_URL), shared by every replica: a hash id → image URL, a sorted
 * set ordering the ids by when they were recorded (for the bound), and one expiring key per lock.
 */
export async function openRedisLedger(
  ledgerUrl: string,
  prefix: string,
  tuning: LedgerTuning,
): Promise<UploadLedger> {
  const location = redactRedisUrl(ledgerUrl);
  let ready = false;
  const client: RedisClient = createClient({
    url: ledgerUrl,
    // Fail a call at once while Redis is away, rather than queue it behind an upload's timeouts.
    disableOfflineQueue: true,
    socket: {
      // At start-up a wrong LEDGER_URL should fail fast; later, keep reconnecting.
      reconnectStrategy: (retries, cause) =>
        ready ? Math.min(50 * 2 ** retries, 2000) : retries + 1 >= CONNECT_ATTEMPTS ? cause : 100,
    },
  });
  // Without a listener an 'error' event would crash the process. Before the first connection the
  // rejected connect() says it once; after it, each error is worth a line.
  client.on(
    'error',
    (error: Error) => ready && tuning.warn(`Upload record at ${location}: ${error.message}`),
  );
  try {
    await client.connect();
  } catch (error) {
    client.destroy();
    throw new Error(
      `Could not reach the upload record at ${location} (LEDGER_URL): ${(error as Error).message}. ` +
        'Check that Redis is running there, or unset LEDGER_URL to keep the record in the state dir.',
      { cause: error },
    );
  }
  ready = true;
  return new RedisLedger(location, client, prefix, tuning);
}

class RedisLedger implements UploadLedger {
  private readonly urls: string;
  private readonly order: string;

  constructor(
    readonly location: string,
    private readonly client: RedisClient,
    private readonly prefix: string,
    private readonly tuning: LedgerTuning,
  ) {
    this.urls = `${prefix}uploads`;
    this.order = `${prefix}uploads:order`;
  }

  async withLock<T>(key: LedgerKey, fn: () => Promise<T>): Promise<T> {
    const lock = `${this.prefix}lock:${keyId(key)}`;
    return underKeyLock(key, this.tuning, (options) => lockKey(this.client, lock, options), fn);
  }

  async lookup(key: LedgerKey): Promise<string | undefined> {
    return (await this.client.hGet(this.urls, keyId(key))) ?? undefined;
  }

  async record(key: LedgerKey, imageUrl: string): Promise<void> {
    await this.client.eval(RECORD, {
      keys: [this.urls, this.order],
      arguments: [keyId(key), imageUrl, String(this.tuning.maxEntries)],
    });
  }

  async forget(key: LedgerKey): Promise<void> {
    await this.client.eval(FORGET, { keys: [this.urls, this.order], arguments: [keyId(key)] });
  }

  async size(): Promise<number> {
    return this.client.hLen(this.urls);
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
