import type { Server, ServerResponse } from 'node:http';

/** Graceful shutdown: requests in flight finish, new ones are refused. */
export interface Drain {
  readonly draining: boolean;
  /** Counts a request as in flight until its response closes (finished, or the client went away). */
  track(res: ServerResponse): void;
  /**
   * Stops listening (new connections are refused), and resolves once the last request in flight has
   * ended; requests that still arrive on open keep-alive connections meanwhile get 503 from the caller.
   */
  drain(): Promise<void>;
}

export function createDrain(server: Server): Drain {
  let draining = false;
  let inFlight = 0;
  let idle: (() => void) | undefined;
  const settle = () => {
    if (!draining || inFlight > 0) return;
    // Nothing in flight, so every connection left is an idle keep-alive one: close them, or the
    // server would wait out their timeouts.
    server.closeAllConnections();
    idle?.();
  };
  return {
    get draining() {
      return draining;
    },
    track(res) {
      inFlight += 1;
      res.once('close', () => {
        inFlight -= 1;
        settle();
      });
    },
    drain() {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const emptied = new Promise<void>((resolve) => (idle = resolve));
      settle();
      return Promise.all([emptied, closed]).then(() => undefined);
    },
  };
}
