import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CallToolResult } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeWorkspace, type Workspace } from '../helpers/fixtures.js';
import { connectHttp, HTTP_REVISIONS, MCP_POST_HEADERS, rawRequest } from '../helpers/http-clients.js';
import { startReplica, type Replica } from '../helpers/http-replica.js';

// SIGTERM: the calls in flight finish, new requests are refused, and the process exits 0.

const TOKEN = 'shutdown-token';
// Long enough for the test to signal and probe while the uploads are held in the emulator.
const SLOW_MS = 4_000;

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 20_000) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** A 2025-era tools/call written by hand on a socket, so that a second request can follow it. */
function rawUpload(port: number, productId: string) {
  const body = JSON.stringify({
    jsonrpc: '2.0',
    id: 7,
    method: 'tools/call',
    params: { name: 'tracepass_upload_image', arguments: { product_id: productId, path: 'slow.png' } },
  });
  const headers = {
    ...MCP_POST_HEADERS,
    authorization: `Bearer ${TOKEN}`,
    'content-length': `${body.length}`,
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  const socket = connect(port, '127.0.0.1');
  socket.write(`POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${head.join('')}\r\n${body}`);
  let received = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, closed, received: () => received };
}

// Skipped: it fails on main (the server is not seen to start stopping within 20 s); issue #11 stays open for it.
describe.skip('HTTP mode: SIGTERM while uploads are in flight', () => {
  let emulator: Emulator;
  let ws: Workspace;
  let replica: Replica;
  const calls: Promise<CallToolResult>[] = [];
  const products: string[] = [];
  let busy: ReturnType<typeof rawUpload>;

  beforeAll(async () => {
    emulator = await startEmulator();
    ws = makeWorkspace();
    replica = await startReplica({ ...emulator.env, MCP_HTTP_TOKENS: TOKEN }, [ws.root]);
    ws.png('slow.png');
    emulator.inject({ platform: 'tracepass', kind: 'slow', method: 'POST', delayMs: SLOW_MS, times: 3 });
    for (const revision of HTTP_REVISIONS) {
      const client = await connectHttp(replica.url, revision, TOKEN);
      const product = emulator.addProduct().id;
      products.push(product);
      const call = client.callTool({
        name: 'tracepass_upload_image',
        arguments: { product_id: product, path: 'slow.png' },
      });
      calls.push(call.finally(() => client.close()));
    }
    const third = emulator.addProduct().id;
    products.push(third);
    busy = rawUpload(replica.port, third);
    // All three uploads stored and held by the emulator: the calls are in flight.
    await until(() => emulator.requests.filter((r) => r.method === 'POST').length === 3, 'three uploads');
    replica.child.kill('SIGTERM');
    await until(() => replica.stderr().includes('stopping'), 'the server to start stopping');
  }, 60_000);

  afterAll(async () => {
    busy?.socket.destroy();
    await replica?.stop('SIGKILL');
    await emulator?.close();
    ws?.cleanup();
  });

  it('refuses new connections', async () => {
    await expect(rawRequest(`${replica.url}/healthz`, { method: 'GET' })).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });

  it('answers a new request on a connection that was busy with 503, after that connection’s own call', async () => {
    busy.socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${replica.port}\r\n\r\n`);
    await busy.closed;
    const [upload, refused] = busy.received().split(/(?=HTTP\/1\.1 )/);
    expect(upload).toMatch(/^HTTP\/1\.1 200 /);
    expect(upload).toContain(`/products/${products[2]}/images/`);
    expect(refused).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/);
    expect(refused).toMatch(/\r\nretry-after: 1\r\n/i);
    expect(refused).toContain('This server is shutting down: send the request again.');
  });

  it('lets the SDK clients’ calls finish too, each with its image uploaded once', async () => {
    const results = await Promise.all(calls);
    for (const [i, result] of results.entries()) {
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      const product = emulator.products.get(products[i] ?? '');
      expect(product?.imageUrls).toHaveLength(1);
      expect(result.structuredContent).toMatchObject({ index: 0, image_url: product?.imageUrls[0] });
    }
  });

  it('exits 0 once they have', async () => {
    const exit = await replica.exited;
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.stderr).toMatch(
      /stopping: finishing the calls in flight, refusing new ones\.\n.*stopped\.\n$/,
    );
  });
});
