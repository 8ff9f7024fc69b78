import type { Server } from '@modelcontextprotocol/server';
import type { AllowedRoots } from '../files/index.js';
import { quote } from '../http/errors.js';
import type { Logger } from '../logging.js';

/**
 * Adds the folders the client shares (`roots/list`) to the allowed roots, and follows its changes. An
 * answer that cannot be read (an error, or one the SDK finds invalid) drops the client's roots: after
 * a change we no longer know what the client shares, and the old list may include a folder it just
 * withdrew. The configured folders stay.
 */
export function followClientRoots(server: Server, roots: AllowedRoots, logger: Logger): void {
  const refresh = () => {
    if (!server.getClientCapabilities()?.roots) return;
    roots.track(
      server.listRoots().then(
        ({ roots: list }) => {
          roots.setClientRoots(list.map((root) => root.uri));
          logger.log('info', `Client shares ${list.length} root(s)`, { roots: list.map((root) => root.uri) });
        },
        (error: unknown) => {
          roots.setClientRoots([]);
          logger.log(
            'warning',
            // The client's words, on one line and cut short, like any text from outside.
            `Could not read the client's roots (${quote((error as Error).message)}): only the configured folders ` +
              'are allowed until the client announces its roots again',
          );
        },
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
