import type { IncomingMessage } from 'node:http';

/** Reads and discards whatever is left of the body; false when the client went away first. */
export function drainRequest(req: IncomingMessage): Promise<boolean> {
  if (req.readableEnded) return Promise.resolve(true);
  if (req.destroyed) return Promise.resolve(req.complete);
  return new Promise((resolve) => {
    req.once('end', () => resolve(true));
    req.once('close', () => resolve(req.complete));
    req.resume();
  });
}
