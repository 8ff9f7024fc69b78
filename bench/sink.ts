import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A bare HTTP server that reads and discards any body and answers `{}`: curl → sink, next to
 * curl → emulator, shows how much of the batch time the emulator's own parsing takes.
 */
export async function startSink(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sink`,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
