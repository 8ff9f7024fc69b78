import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PRODUCT_ID } from '../../src/emulator/index.js';
import { eventually } from '../emulator/helpers.js';
import { startHarness, textOf, type Harness } from '../helpers/harness.js';
import { requestLines } from '../helpers/observe.js';

let h: Harness | undefined;
let silent: { server: Server; sockets: Socket[] } | undefined;
afterEach(async () => {
  await h?.close();
  for (const socket of silent?.sockets ?? []) socket.destroy();
  await new Promise((resolve) => (silent ? silent.server.close(resolve) : resolve(undefined)));
  h = silent = undefined;
});

/** A port that accepts TCP and then never says a word: an https:// connection to it never completes. */
async function silentPort(): Promise<number> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  silent = { server, sockets };
  return (server.address() as { port: number }).port;
}

describe('UPLOAD_TIMEOUT_MS', () => {
  it('bounds each request, then names the variable to raise', async () => {
    h = await startHarness({ env: { UPLOAD_TIMEOUT_MS: '250' } });
    h.emulator.inject({ platform: 'shopee', kind: 'slow', delayMs: 10_000, times: 3 });
    const result = await h.call('shopee_upload_images', { paths: [h.ws.png('a.png')] });
    expect(textOf(result)).toMatch(
      /^Shopee \(127\.0\.0\.1:\d+\) did not answer within 0\.25 s\. Try again; for slow links raise UPLOAD_TIMEOUT_MS in the server environment\.$/,
    );
    await eventually(() => h!.emulator.requests.every((r) => r.status === 'dropped'));
    expect(h.emulator.requests).toHaveLength(3);
  });

  it('covers a TracePass read too', async () => {
    h = await startHarness({ env: { UPLOAD_TIMEOUT_MS: '250' } });
    h.emulator.inject({ platform: 'tracepass', method: 'GET', kind: 'slow', delayMs: 10_000, times: 3 });
    const result = await h.call('tracepass_delete_image', { product_id: DEMO_PRODUCT_ID, index: 0 });
    expect(textOf(result)).toMatch(/^TracePass \(127\.0\.0\.1:\d+\) did not answer within 0\.25 s/);
    expect(requestLines(h.emulator, 'DELETE')).toEqual([]);
  });
});

describe('CONNECT_TIMEOUT_MS', () => {
  it('bounds the connection (TLS handshake included), then names the variable to raise', async () => {
    const port = await silentPort();
    h = await startHarness({
      env: {
        CONNECT_TIMEOUT_MS: '200',
        UPLOAD_TIMEOUT_MS: '60000',
        TRACEPASS_BASE_URL: `https://127.0.0.1:${port}`,
      },
    });
    const result = await h.call('tracepass_upload_image', {
      product_id: DEMO_PRODUCT_ID,
      path: h.ws.png('a.png'),
    });
    expect(textOf(result)).toMatch(
      new RegExp(
        `^Could not connect to TracePass at 127\\.0\\.0\\.1:${port} within 0\\.2 s \\(UND_ERR_CONNECT_TIMEOUT\\)\\. ` +
          'Check TRACEPASS_BASE_URL and the network connection; for slow links raise CONNECT_TIMEOUT_MS',
      ),
    );
    // Reads are resent after a failed connection: nothing can have reached TracePass.
    expect(silent?.sockets).toHaveLength(3);
  });
});
