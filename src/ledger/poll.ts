import { setTimeout as sleep } from 'node:timers/promises';

const FIRST_DELAY_MS = 10;
const MAX_DELAY_MS = 250;

/**
 * Calls attempt until it returns something or waitMs has passed, then throws timedOut(). Neither a
 * lock directory nor a Redis key can notify waiters, so waiters poll; the delay grows so a long
 * upload costs few attempts, and is jittered so racing processes do not retry in step.
 */
export async function pollUntil<T>(
  attempt: () => Promise<T | undefined>,
  waitMs: number,
  timedOut: (waitedMs: number) => Error,
): Promise<T> {
  const started = Date.now();
  let delay = FIRST_DELAY_MS;
  for (;;) {
    const got = await attempt();
    if (got !== undefined) return got;
    const waited = Date.now() - started;
    if (waited >= waitMs) throw timedOut(waited);
    await sleep(Math.min(delay * (0.5 + Math.random()), waitMs - waited));
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  }
}
