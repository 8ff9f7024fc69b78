import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRODUCT_ID, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { fuzzedRequest, render } from './fuzz-requests.js';
import { bearer, call } from './helpers.js';

// The built entry (`npm test` builds first), run as `npm run emulator` runs it.
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const RUNS = 300;

/** Sends raw bytes on a fresh connection and returns the status of the answer (undefined: none). */
function rawExchange(origin: string, bytes: Buffer | string): Promise<number | undefined> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    let received = '';
    socket.setTimeout(5_000, () => {
      socket.destroy();
      reject(new Error(`no answer and no close within 5 s to ${String(bytes).slice(0, 80)}`));
    });
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined); // a reset after the answer is fine; a missing answer is not
    socket.on('close', () => {
      const status = /^HTTP\/1\.[01] (\d{3}) /.exec(received)?.[1];
      resolve(status === undefined ? undefined : Number(status));
    });
    socket.end(bytes);
  });
}

describe('the emulator and malformed requests', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());

  it('answers 400 to a request target no URL parser accepts, and keeps serving', async () => {
    for (const target of ['//[', '//[::1', '//a:b:c/x', 'http://[/x']) {
      expect(await rawExchange(emulator.url, `GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`)).toBe(400);
    }
    expect(
      (await call(`${emulator.url}/api/v1/products/${DEMO_PRODUCT_ID}`, { headers: bearer() })).status,
    ).toBe(200);
  });

  it('answers every fuzzed request (never a 5xx, never silence) and still serves afterwards', async () => {
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(fuzzedRequest, async (r) => {
        const status = await rawExchange(emulator.url, render(r));
        seen.add(status ?? 0);
        expect(status).toBeDefined();
        expect(status).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
    // The fuzz reached past Node's own parser into the emulator's routes, not only its 400s.
    expect([...seen].filter((status) => status !== 400).length).toBeGreaterThan(2);
    expect(emulator.requests.length).toBeGreaterThan(RUNS / 4);
    expect(emulator.requests.filter((request) => request.parts.length > 0).length).toBeGreaterThan(5);
    const product = await call(`${emulator.url}/api/v1/products/${DEMO_PRODUCT_ID}`, { headers: bearer() });
    expect(product.status).toBe(200);
  });
});

describe('the emulator CLI and a malformed request', () => {
  it('answers 400 and keeps running instead of exiting', async () => {
    const child = spawn(process.execPath, [CLI, 'emulator', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr.resume();
    let exitCode: number | null | undefined;
    const exited = new Promise((resolve) => child.once('exit', (code) => resolve((exitCode = code))));
    let origin = '';
    for await (const line of createInterface({ input: child.stdout })) {
      origin = /^export TRACEPASS_BASE_URL=(.*)$/.exec(line)?.[1] ?? origin;
      if (origin) break;
    }
    try {
      expect(await rawExchange(origin, 'GET //[ HTTP/1.1\r\nHost: x\r\n\r\n')).toBe(400);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(exitCode).toBeUndefined();
      const answer = await call(`${origin}/api/v1/products/${DEMO_PRODUCT_ID}`, { headers: bearer() });
      expect(answer.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
