import type { Server } from '@modelcontextprotocol/server';
import type { AllowedRoots } from '../files/index.js';
import type { Logger } from '../logging.js';

/** Adds the folders the client shares (`roots/list`) to the allowed roots, and follows its changes. */
export function followClientRoots(server: Server, roots: AllowedRoots, logger: Logger): void {
  const refresh = () => {
    if (!server.getClientCapabilities()?.roots) return;
    roots.track(
      server.listRoots().then(
        ({ roots: list }) => {
          roots.setClientRoots(list.map((root) => root.uri));
          logger.log('info', `Client shares ${list.length} root(s)`, { roots: list.map((root) => root.uri) });
        },
        (error: unknown) =>
          logger.log('warning', `Could not read the client's roots: ${(error as Error).message}`),
      ),
    );
  };
  const previous = server.oninitialized;
  server.oninitialized = () => {
    previous?.();
    refresh();
  };
  server.setNotificationHandler('notifications/roots/list_changed', async () => refresh());
}
