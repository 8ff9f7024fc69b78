import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TestCertificate } from './tls.js';

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

export interface TestHttpsServer {
  port: number;
  /** `https://<host>:<port><path>`; the host defaults to the loopback address the server listens on. */
  url(path: string, host?: string): string;
  /** Every request's path, in order: what actually reached the server. */
  hits: string[];
  /** TCP connections accepted: zero proves a refusal came before connecting. */
  connections(): number;
  close(): Promise<void>;
}

/** An HTTPS server on 127.0.0.1 with the test certificate; unknown paths answer 404. */
export async function startHttpsServer(
  cert: TestCertificate,
  routes: Record<string, Route>,
): Promise<TestHttpsServer> {
  const hits: string[] = [];
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createServer({ cert: cert.cert, key: cert.key }, (req, res) => {
    const path = req.url ?? '/';
    hits.push(path);
    const route = routes[path];
    if (route) route(req, res);
    else res.writeHead(404).end('not found');
  });
  server.on('connection', (socket: Socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: (path, host = '127.0.0.1') => `https://${host}:${port}${path}`,
    hits,
    connections: () => accepted,
    close: async () => {
      // Slow-drip routes never end on their own.
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
