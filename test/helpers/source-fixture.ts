import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadHttpsSource, type DownloadOptions } from '../../src/sources/index.js';
import { fakeResolver, type FakeResolver } from './fake-resolver.js';
import { startHttpsServer, type Route, type TestHttpsServer } from './https-server.js';
import { makeTestCertificate, type TestCertificate } from './tls.js';

/**
 * Names tests resolve themselves. `images.test` is the loopback test server, allowed by name; the others
 * point at addresses the guard must refuse: they are never connected to.
 */
export const NAMES = {
  'images.test': '127.0.0.1',
  'hop.test': '127.0.0.1',
  'evil.example': '10.0.0.1',
  'metadata.example': '169.254.169.254',
  'cgnat.example': '100.64.0.1',
  'six.example': 'fd00::1',
} as const;

export interface SourceFixture {
  server: TestHttpsServer;
  /** The test certificate's PEM, to trust as a CA. */
  cert: string;
  dns: FakeResolver;
  /** The parent folder downloads make their private folder in: empty again after every failure. */
  tempDir: string;
  download(url: string, options?: Partial<DownloadOptions>): ReturnType<typeof downloadHttpsSource>;
  /** The download's failure (throws if it succeeded). */
  refusal(url: string, options?: Partial<DownloadOptions>): Promise<Error & { kind?: string }>;
  leftovers(): string[];
  close(): Promise<void>;
}

/** The loopback HTTPS server with `routes`, trusted through an injected CA, reached as `images.test`. */
export async function sourceFixture(routes: Record<string, Route>): Promise<SourceFixture> {
  const cert: TestCertificate = makeTestCertificate();
  const server = await startHttpsServer(cert, routes);
  const dns = fakeResolver(NAMES);
  const tempDir = mkdtempSync(join(tmpdir(), 'cum-sources-'));
  const download = (url: string, options: Partial<DownloadOptions> = {}) =>
    downloadHttpsSource(url, {
      maxBytes: 1024 * 1024,
      allowPrivate: ['images.test', 'hop.test'],
      tempDir,
      network: { resolve: dns.resolve, ca: cert.cert },
      ...options,
    });
  return {
    server,
    cert: cert.cert,
    dns,
    tempDir,
    download,
    refusal: (url, options) =>
      download(url, options).then(
        async (got) => {
          await got.cleanup();
          throw new Error(`expected a refusal, got ${got.fileName} (${got.bytes} bytes)`);
        },
        (error: Error) => error,
      ),
    leftovers: () => readdirSync(tempDir),
    close: async () => {
      await server.close();
      cert.cleanup();
      rmSync(tempDir, { recursive: true, force: true });
    },
  };
}
