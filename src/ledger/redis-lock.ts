import { randomUUID } from 'node:crypto';
import type { createClient } from '@redis/client';
import type { LockOptions, Release } from './key-lock.js';
import { pollUntil } from './poll.js';
import { REFRESH_LOCK, RELEASE_LOCK } from './redis-scripts.js';

export type RedisClient = ReturnType<typeof createClient>;

/**
 * Takes a lock shared by every client of this Redis: a key set only if absent, holding a random
 * token and expiring after staleMs, so a replica that died frees it by itself. While held it is
 * extended every third of staleMs; the token makes refresh and release touch only our own lock.
 */
export async function lockKey(client: RedisClient, lock: string, options: LockOptions): Promise<Release> {
  const token = randomUUID();
  await pollUntil(
    async () => {
      const set = await client.set(lock, token, {
        condition: 'NX',
        expiration: { type: 'PX', value: options.staleMs },
      });
      return set === null ? undefined : true;
    },
    options.waitMs,
    options.timedOut,
  );

  let lost = false;
  const refresh = async () => {
    try {
      const extended = await client.eval(REFRESH_LOCK, {
        keys: [lock],
        arguments: [token, String(options.staleMs)],
      });
      if (extended === 0 && !lost) {
        lost = true;
        options.onLost('it expired before it could be extended');
      }
    } catch (error) {
      // Redis unreachable for a moment: the next refresh may still be in time.
      options.onLost(`extending it failed: ${(error as Error).message}`);
    }
  };
  const timer = setInterval(() => void refresh(), options.staleMs / 3);
  // Only the work under the lock should keep the process alive.
  timer.unref();

  return async () => {
    clearInterval(timer);
    await client.eval(RELEASE_LOCK, { keys: [lock], arguments: [token] });
  };
}
