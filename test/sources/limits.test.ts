import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePng, padTo } from '../../src/samples/images.js';
import { sourceFixture, type SourceFixture } from '../helpers/source-fixture.js';

const SIZE = 16_384;
const image = padTo(makePng(), SIZE);
let fx: SourceFixture;

/** Writes `body` in `chunks` pieces `everyMs` apart, or 1-byte pieces forever with `chunks` = Infinity. */
function drip(res: ServerResponse, body: Buffer, chunks: number, everyMs: number): void {
  res.writeHead(200);
  const size = Number.isFinite(chunks) ? Math.ceil(body.length / chunks) : 1;
  let offset = 0;
  const timer = setInterval(() => {
    if (offset >= body.length && Number.isFinite(chunks)) {
      clearInterval(timer);
      res.end();
      return;
    }
    res.write(body.subarray(offset % body.length, (offset % body.length) + size));
    offset += size;
  }, everyMs);
  res.on('close', () => clearInterval(timer));
}

beforeAll(async () => {
  fx = await sourceFixture({
    '/a.png': (_req, res) => res.end(image),
    '/declared.png': (_req, res) => res.writeHead(200, { 'content-length': SIZE }).end(image),
    // No Content-Length: Node sends it chunked.
    '/chunked.png': (_req, res) => {
      res.write(image.subarray(0, 100));
      res.end(image.subarray(100));
    },
    // Claims 10 MB, sends a little, then nothing: only the Content-Length check can end this quickly.
    '/huge.png': (_req, res) => res.writeHead(200, { 'content-length': 10_000_000 }).write(image),
    '/drip.png': (_req, res) => drip(res, image, Infinity, 10),
    '/slow.png': (_req, res) => drip(res, image, 8, 20),
    '/stall.png': (_req, res) => res.writeHead(200).write(image.subarray(0, 64)),
    '/silent.png': () => undefined,
    '/page.html': (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>hi'),
    // HTML that promises a megabyte and stalls: refused on its first bytes, not after a timeout.
    '/page-stall': (_req, res) =>
      res.writeHead(200, { 'content-length': 1_000_000 }).write('<!doctype html>' + ' '.repeat(64)),
    '/empty.png': (_req, res) => res.end(),
    '/missing.png': (_req, res) => res.writeHead(404).end('nope'),
    '/secret.png': (_req, res) => res.writeHead(403).end('nope'),
    ...Object.fromEntries(
      [1, 2, 3, 4].map((n) => [
        `/r${n}`,
        (_req: unknown, res: ServerResponse) =>
          res.writeHead(n % 2 ? 301 : 307, { location: n === 1 ? '/a.png' : `/r${n - 1}` }).end(),
      ]),
    ),
  });
});
afterAll(() => fx.close());

const url = (path: string) => fx.server.url(path, 'images.test');
const refused = async (path: string, options: Parameters<SourceFixture['download']>[1]) => {
  const error = await fx.refusal(url(path), options);
  expect(fx.leftovers()).toEqual([]);
  return error;
};
const accepted = async (path: string, options: Parameters<SourceFixture['download']>[1]) => {
  const got = await fx.download(url(path), options);
  await got.cleanup();
  return got.bytes;
};

describe('size cap', () => {
  it('takes exactly maxBytes and refuses one byte more, by Content-Length before reading', async () => {
    expect(await accepted('/declared.png', { maxBytes: SIZE })).toBe(SIZE);
    const error = await refused('/declared.png', { maxBytes: SIZE - 1 });
    expect(error.kind).toBe('too-large');
    expect(error.message).toContain(
      'it is 16,384 bytes (its Content-Length), over the limit of 16,383 bytes',
    );
  });

  it('refuses a declared size over the cap without waiting for the body', async () => {
    const error = await refused('/huge.png', { maxBytes: SIZE, idleTimeoutMs: 5_000, timeoutMs: 5_000 });
    expect(error.kind).toBe('too-large');
    expect(error.message).toContain('10,000,000 bytes (its Content-Length)');
  });

  it('counts a body without Content-Length and stops at one byte over', async () => {
    expect(await accepted('/chunked.png', { maxBytes: SIZE })).toBe(SIZE);
    const error = await refused('/chunked.png', { maxBytes: SIZE - 1 });
    expect(error.kind).toBe('too-large');
    expect(error.message).toContain('it is larger than the limit of 16,383 bytes');
  });
});

describe('time caps', () => {
  it('ends a slow drip at the total time cap', async () => {
    const error = await refused('/drip.png', { maxBytes: 10 * SIZE, timeoutMs: 300, idleTimeoutMs: 5_000 });
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('it did not finish downloading within 0.3 s');
  });

  it('finishes a slow download that stays inside the caps', async () => {
    expect(await accepted('/slow.png', { timeoutMs: 10_000, idleTimeoutMs: 5_000 })).toBe(SIZE);
  });

  it.each(['/stall.png', '/silent.png'])('ends %s when the server goes quiet', async (path) => {
    const error = await refused(path, { timeoutMs: 20_000, idleTimeoutMs: 200 });
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain(`images.test:${fx.server.port} sent nothing for 0.2 s`);
  });
});

describe('redirects', () => {
  it('follows 3 and refuses a 4th', async () => {
    expect(await accepted('/r3', {})).toBe(SIZE);
    const hits = fx.server.hits.length;
    const error = await refused('/r4', {});
    expect(error.kind).toBe('redirect');
    expect(error.message).toContain('it redirects more than 3 times');
    expect(fx.server.hits.slice(hits)).toEqual(['/r4', '/r3', '/r2', '/r1']);
  });
});

describe('content', () => {
  it.each(['/page.html', '/page-stall', '/empty.png'])(
    'refuses %s, which is not an image by its bytes',
    async (path) => {
      const error = await refused(path, { idleTimeoutMs: 5_000 });
      expect(error.kind).toBe('not-image');
      expect(error.message).toContain('its content is not a JPEG, PNG, WebP image');
    },
  );

  it.each([
    ['/missing.png', 404, 'Check the URL'],
    ['/secret.png', 403, 'The image is not public'],
  ])('refuses %s answered with HTTP %i', async (path, status, fix) => {
    const error = await refused(path, {});
    expect(error.kind).toBe('http');
    expect(error.message).toContain(`answered HTTP ${status}`);
    expect(error.message).toContain(fix);
  });
});
