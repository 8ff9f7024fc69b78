import type { ServerContext } from '@modelcontextprotocol/server';

export type Extra = ServerContext;

/** At most this often; the final notification (all bytes sent) always goes out. */
const MIN_INTERVAL_MS = 200;

/**
 * A byte-progress callback that sends `notifications/progress` when the client asked for it (a
 * `progressToken`), throttled, and only ever increasing, even when an upload is retried.
 */
export function progressReporter(
  extra: Extra,
  what: string,
): ((sent: number, total: number) => void) | undefined {
  const progressToken = extra.mcpReq._meta?.progressToken;
  if (progressToken === undefined) return undefined;
  let reported = 0;
  let lastAt = 0;
  return (sent, total) => {
    const now = performance.now();
    if (sent <= reported || (sent < total && now - lastAt < MIN_INTERVAL_MS)) return;
    reported = sent;
    lastAt = now;
    const percent = Math.floor((sent / total) * 100);
    extra.mcpReq
      .notify({
        method: 'notifications/progress',
        params: {
          progressToken,
          progress: sent,
          total,
          message: `${what}: ${percent}% of ${total.toLocaleString('en-US')} bytes`,
        },
      })
      .catch(() => undefined);
  };
}
