import type { ServerContext } from '@modelcontextprotocol/server';

/** The request's side of a handler's context: its `_meta` and the channel for notifications. */
export type Request = ServerContext['mcpReq'];

/** At most this often; the final notification (all bytes sent) always goes out. */
const MIN_INTERVAL_MS = 200;

/**
 * A byte-progress callback that sends `notifications/progress` when the client asked for it (a
 * `progressToken`), throttled, and only ever increasing, even when an upload is retried.
 */
export function progressReporter(
  request: Request,
  what: string,
): ((sent: number, total: number) => void) | undefined {
  const progressToken = request._meta?.progressToken;
  if (progressToken === undefined) return undefined;
  let reported = 0;
  let lastAt = 0;
  return (sent, total) => {
    const now = performance.now();
    if (sent <= reported || (sent < total && now - lastAt < MIN_INTERVAL_MS)) return;
    reported = sent;
    lastAt = now;
    const percent = Math.floor((sent / total) * 100);
    request
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
