import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePng } from '../../src/samples/images.js';
import { startHttpsServer, type TestHttpsServer } from '../helpers/https-server.js';
import { makeTestCertificate, type TestCertificate } from '../helpers/tls.js';

// End to end in a child process: the built module, the system resolver behind the guard, and trust
// only through NODE_EXTRA_CA_CERTS (read once at process start, so it needs a process of its own).
const BUILT = fileURLToPath(new URL('../../dist/sources/index.js', import.meta.url));
const SCRIPT = `
const { downloadHttpsSource } = await import(process.env.SOURCES_MODULE);
try {
  const got = await downloadHttpsSource(process.argv[1], {
    maxBytes: 1048576,
    allowPrivate: process.env.URL_ALLOW_PRIVATE === '1',
    tempDir: process.env.SOURCES_TEMP,
  });
  const { statSync } = await import('node:fs');
  console.log(JSON.stringify({ bytes: got.bytes, type: got.type, mode: statSync(got.path).mode & 0o777 }));
  await got.cleanup();
} catch (error) {
  console.log(JSON.stringify({ kind: error.kind, message: error.message }));
}`;

const png = makePng();
let cert: TestCertificate;
let server: TestHttpsServer;
let tempDir: string;

beforeAll(async () => {
  if (!existsSync(BUILT)) throw new Error('dist/sources is missing: run `npm run build` (npm test does)');
  cert = makeTestCertificate();
  server = await startHttpsServer(cert, { '/a.png': (_req, res) => res.end(png) });
  tempDir = mkdtempSync(join(tmpdir(), 'cum-extra-ca-'));
});
afterAll(async () => {
  await server.close();
  cert.cleanup();
  rmSync(tempDir, { recursive: true, force: true });
});

async function downloadInChild(url: string, env: Record<string, string>) {
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', SCRIPT, url], {
    env: { PATH: process.env.PATH, SOURCES_MODULE: pathToFileURL(BUILT).href, SOURCES_TEMP: tempDir, ...env },
  });
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('an https source in a fresh process', () => {
  it('downloads from https://localhost with the test CA from NODE_EXTRA_CA_CERTS and URL_ALLOW_PRIVATE=1', async () => {
    const got = await downloadInChild(server.url('/a.png', 'localhost'), {
      NODE_EXTRA_CA_CERTS: cert.certPath,
      URL_ALLOW_PRIVATE: '1',
    });
    expect(got).toEqual({ bytes: png.length, type: 'png', mode: 0o600 });
  });

  it('does not trust the self-signed certificate without NODE_EXTRA_CA_CERTS', async () => {
    const got = await downloadInChild(server.url('/a.png', 'localhost'), { URL_ALLOW_PRIVATE: '1' });
    expect(got.kind).toBe('network');
    expect(got.message).toMatch(/the TLS certificate of localhost:\d+ is not valid for it or not trusted/);
  });

  it('refuses localhost in the lookup, before connecting, without URL_ALLOW_PRIVATE', async () => {
    const before = server.connections();
    const got = await downloadInChild(server.url('/a.png', 'localhost'), {
      NODE_EXTRA_CA_CERTS: cert.certPath,
    });
    expect(got.kind).toBe('address');
    expect(got.message).toContain('localhost resolves to a loopback address');
    expect(server.connections()).toBe(before);
  });
});
