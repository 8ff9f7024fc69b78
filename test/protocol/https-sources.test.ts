import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PRODUCT_ID, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makePng, padTo } from '../../src/samples/images.js';
import { makeWorkspace, type Workspace } from '../helpers/fixtures.js';
import { startHttpsServer, type TestHttpsServer } from '../helpers/https-server.js';
import { CLI } from '../helpers/raw-stdio.js';
import { makeTestCertificate, type TestCertificate } from '../helpers/tls.js';

// The built server over stdio, trusting the test certificate only through NODE_EXTRA_CA_CERTS (read at
// process start), downloading from a loopback HTTPS server.

const png = makePng();
const big = padTo(makePng(), 5 * 1024 * 1024 + 1);
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let cert: TestCertificate;
let images: TestHttpsServer;
let emulator: Emulator;
let ws: Workspace;
let temp: string;
let client: Client | undefined;

beforeAll(async () => {
  cert = makeTestCertificate();
  images = await startHttpsServer(cert, {
    '/shoes/hero.png': (_req, res) => res.end(png),
    '/too-big.png': (_req, res) => res.end(big),
    '/page': (_req, res) => res.end('<html>not an image</html>'),
  });
});
afterAll(async () => {
  await images.close();
  cert.cleanup();
});
beforeEach(async () => {
  emulator = await startEmulator();
  ws = makeWorkspace();
  temp = mkdtempSync(join(tmpdir(), 'cum-srv-tmp-'));
});
afterEach(async () => {
  await client?.close();
  client = undefined;
  await emulator.close();
  ws.cleanup();
  rmSync(temp, { recursive: true, force: true });
});

async function connect(env: Record<string, string>): Promise<Client> {
  client = new Client({ name: 'https-sources', version: '1' });
  const base = {
    ...emulator.env,
    PATH: process.env.PATH ?? '',
    TMPDIR: temp,
    NODE_EXTRA_CA_CERTS: cert.certPath,
  };
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [CLI, ws.root],
      env: { ...base, ...env },
      stderr: 'pipe',
    }),
  );
  return client;
}
const url = (path: string) => images.url(path, 'localhost');
const text = (result: Awaited<ReturnType<Client['callTool']>>) =>
  (result.content as { type: string; text?: string }[]).map((c) => c.text ?? '').join('\n');

describe('https:// paths', () => {
  it('are downloaded to a private temporary file, uploaded like a local file, then removed', async () => {
    const c = await connect({ URL_ALLOW_PRIVATE: '1' });
    const result = await c.callTool({
      name: 'tracepass_upload_image',
      arguments: { product_id: DEMO_PRODUCT_ID, path: url('/shoes/hero.png') },
    });
    expect(result.isError).toBeFalsy();
    const post = emulator.requests.find((r) => r.method === 'POST');
    expect(post?.parts).toEqual([expect.objectContaining({ filename: 'hero.png', sha256: sha(png) })]);
    expect(readdirSync(temp)).toEqual([]);
  });

  it('join a batch with local files; every download finishes before anything is sent', async () => {
    const c = await connect({ URL_ALLOW_PRIVATE: '1' });
    const local = ws.png('local.png');
    const result = await c.callTool({
      name: 'shopee_upload_images',
      arguments: { paths: [local, url('/shoes/hero.png')] },
    });
    expect(result.isError).toBeFalsy();
    expect(emulator.requests.map((r) => r.parts.map((p) => p.filename))).toEqual([['local.png', 'hero.png']]);
  });

  it('are refused, and nothing is sent, for a private address without URL_ALLOW_PRIVATE=1', async () => {
    const c = await connect({});
    const before = images.connections();
    const result = await c.callTool({
      name: 'tracepass_upload_image',
      arguments: { product_id: DEMO_PRODUCT_ID, path: url('/shoes/hero.png') },
    });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/could not be downloaded: .*Nothing was uploaded/);
    expect(images.connections()).toBe(before);
    expect(emulator.requests).toEqual([]);
  });

  it('are refused with URL_SOURCES=off, saying what is accepted', async () => {
    const c = await connect({ URL_SOURCES: 'off', URL_ALLOW_PRIVATE: '1' });
    const result = await c.callTool({
      name: 'shopee_upload_images',
      arguments: { paths: [url('/shoes/hero.png')] },
    });
    expect(text(result)).toMatch(/URL sources are off here \(URL_SOURCES=off\)\. Give a local file path/);
    expect(emulator.requests).toEqual([]);
  });

  it('are refused when the body is not an image or is over the platform limit, leaving no file behind', async () => {
    const c = await connect({ URL_ALLOW_PRIVATE: '1' });
    const page = await c.callTool({ name: 'shopee_upload_images', arguments: { paths: [url('/page')] } });
    expect(page.isError).toBe(true);
    const tooBig = await c.callTool({
      name: 'tracepass_upload_image',
      arguments: { product_id: DEMO_PRODUCT_ID, path: url('/too-big.png') },
    });
    expect(tooBig.isError).toBe(true);
    expect(text(tooBig)).toMatch(/could not be downloaded/);
    expect(emulator.requests.filter((r) => r.method === 'POST')).toEqual([]);
    expect(readdirSync(temp)).toEqual([]);
  });
});
