import lockfile from 'proper-lockfile';
import type { LockOptions, Release } from './key-lock.js';
import { pollUntil } from './poll.js';

/**
 * Takes the cross-process lock `<target>.lock` (a directory: mkdir is atomic on every local file
 * system). proper-lockfile refreshes its mtime while held and treats it as free once older than
 * staleMs, so a holder that crashed blocks others for at most staleMs.
 */
export async function lockFile(target: string, options: LockOptions): Promise<Release> {
  const release = await pollUntil(
    async () => {
      try {
        return await lockfile.lock(target, {
          stale: options.staleMs,
          // Three refreshes per stale period: one late timer does not cost the lock.
          update: options.staleMs / 3,
          // The lock guards a name, not an existing file: nothing to resolve.
          realpath: false,
          retries: 0,
          // The default throws from a timer, which would crash the server.
          onCompromised: (error) => options.onLost(error.message),
        });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ELOCKED') return undefined;
        throw error;
      }
    },
    options.waitMs,
    options.timedOut,
  );
  return async () => {
    try {
      await release();
    } catch (error) {
      // Already released means onLost has told the caller; anything else is real.
      if ((error as NodeJS.ErrnoException).code !== 'ERELEASED') throw error;
    }
  };
}
