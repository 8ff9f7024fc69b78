import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import {
  DEFAULT_SHOPEE_PARTNER,
  DEFAULT_SHOPEE_SHOP,
  DEFAULT_TRACEPASS_API_KEY,
} from '../../src/emulator/index.js';
import { UpstreamError } from '../../src/http/errors.js';
import { startHarness, textOf, type Harness, type HarnessOptions } from './harness.js';

/**
 * Every way the tools refuse or fail has a case in one of test/{pure,wire,protocol}/error-texts-*.test.ts,
 * in the layer that makes the text, with the two halves the text must have: what happened, and what to
 * do next (which variable, limit, tool or argument). A new error path gets a row in its layer's file.
 */
export interface Explained {
  what: RegExp;
  fix: RegExp;
}

/** SHOW_ERROR_TEXTS=1 prints every text, to read them side by side when changing one. */
export function show(name: string, text: string): void {
  if (process.env.SHOW_ERROR_TEXTS) console.log(`## ${name}\n${text}\n`);
}

/** The emulator's keys and the wrong ones the cases configure: no error text shows any of them. */
export function expectNoSecrets(text: string): void {
  for (const secret of [
    DEFAULT_SHOPEE_PARTNER.partnerKey,
    DEFAULT_SHOPEE_SHOP.accessToken,
    DEFAULT_TRACEPASS_API_KEY,
  ]) {
    expect(text).not.toContain(secret);
  }
  expect(text).not.toMatch(/wrong-partner-key|expired-token|tp_revoked|tp_read_only|sign=/);
}

/** An upstream failure keeps its halves apart: `what` is in its detail, `fix` in its fix. */
export function expectExplained(name: string, error: unknown, c: Explained): void {
  expect(error).toBeInstanceOf(UpstreamError);
  const { detail, fix, message } = error as UpstreamError;
  show(name, message);
  expect(detail).toMatch(c.what);
  expect(fix).toMatch(c.fix);
  expect(message).toBe(`${detail} ${fix}`);
  expectNoSecrets(message);
}

/**
 * A web server that is neither API, for the suite: what a base URL pointing at a company's website
 * reaches. The returned function gives its origin once the suite has started.
 */
export function useWebsite(): () => string {
  const server = createServer((_req, res) => {
    res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Page not found</body></html>');
  });
  beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  return () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A loopback address where nothing listens. */
export const CLOSED = 'http://127.0.0.1:9';

export interface ToolErrorCase extends Explained {
  tool: 'shopee_upload_images' | 'tracepass_upload_image' | 'tracepass_delete_image';
  harness?: HarnessOptions;
  /** Arguments; may create files, products and faults first. */
  args: (h: Harness) => Record<string, unknown>;
  /** True when the failure comes after a request (by default nothing may have been sent). */
  sends?: true;
}

/** Calls each case's tool through an MCP client on the real server: each fails with both halves. */
export function eachToolError(cases: Record<string, ToolErrorCase>): void {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });
  it.each(Object.entries(cases))('%s', async (name, c) => {
    h = await startHarness(c.harness);
    const result = await h.call(c.tool, c.args(h));
    const text = textOf(result);
    show(name, text);
    expect(result.isError, text).toBe(true);
    expect(text).toMatch(c.what);
    expect(text).toMatch(c.fix);
    expectNoSecrets(text);
    if (!c.sends) expect(h.emulator.requests).toEqual([]);
  });
}
