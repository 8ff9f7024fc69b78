import { readFileSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeJpeg, makePng, makeWebp } from '../../src/samples/images.js';
import { SourceError } from '../../src/sources/index.js';
import { sourceFixture, type SourceFixture } from '../helpers/source-fixture.js';

const png = makePng();
let release: () => void = () => undefined;
let fx: SourceFixture;

beforeAll(async () => {
  fx = await sourceFixture({
    '/shoe.png': (_req, res) => res.end(png),
    '/a.jpg': (_req, res) => res.writeHead(200, { 'content-type': 'image/jpeg' }).end(makeJpeg()),
    '/dl?id=7': (_req, res) =>
      res.writeHead(200, { 'content-disposition': 'attachment; filename="front view.webp"' }).end(makeWebp()),
    // Sends half, then waits for the test to look at the file being written.
    '/held.png': (_req, res) => {
      res.writeHead(200, { 'content-length': png.length });
      res.write(png.subarray(0, 100));
      release = () => res.end(png.subarray(100));
    },
  });
});
afterAll(() => fx.close());

const mode = (path: string) => statSync(path).mode & 0o777;

/** The file a running download writes to, once it exists. */
async function partialFile(): Promise<string> {
  for (let i = 0; i < 500; i++) {
    const [dir] = await readdir(fx.tempDir);
    if (dir && (await readdir(join(fx.tempDir, dir))).includes('download.part')) {
      return join(fx.tempDir, dir, 'download.part');
    }
    await sleep(10);
  }
  throw new Error('the download never created its file');
}

describe('downloadHttpsSource', () => {
  it('streams the image into a private file named from the URL, with its type from the bytes', async () => {
    const got = await fx.download(fx.server.url('/shoe.png', 'images.test'));
    expect(got).toMatchObject({ bytes: png.length, type: 'png', fileName: 'shoe.png' });
    expect(readFileSync(got.path)).toEqual(png);
    expect(got.path).toBe(join(dirname(got.path), 'shoe.png'));
    expect(dirname(dirname(got.path))).toBe(fx.tempDir);
    expect(mode(got.path)).toBe(0o600);
    expect(mode(dirname(got.path))).toBe(0o700);
    await got.cleanup();
    expect(fx.leftovers()).toEqual([]);
  });

  it('checks the name in the connection’s lookup, once per connection', async () => {
    fx.dns.asked.length = 0;
    const got = await fx.download(fx.server.url('/a.jpg', 'images.test'));
    await got.cleanup();
    expect(fx.dns.asked).toEqual(['images.test']);
    expect(got.type).toBe('jpeg');
  });

  it('uses the Content-Disposition name', async () => {
    const got = await fx.download(fx.server.url('/dl?id=7', 'images.test'));
    await got.cleanup();
    expect(got).toMatchObject({ fileName: 'front view.webp', type: 'webp' });
  });

  it('writes to a file only this user can read while the download runs', async () => {
    const pending = fx.download(fx.server.url('/held.png', 'images.test'));
    const partial = await partialFile();
    expect(readFileSync(partial)).toEqual(png.subarray(0, 100));
    expect(mode(partial)).toBe(0o600);
    expect(mode(dirname(partial))).toBe(0o700);
    release();
    const got = await pending;
    expect(readFileSync(got.path)).toEqual(png);
    await got.cleanup();
  });

  it('accepts https://localhost when private addresses are allowed', async () => {
    const got = await fx.download(fx.server.url('/shoe.png', 'localhost'), {
      allowPrivate: true,
      network: { resolve: async () => [{ address: '127.0.0.1', family: 4 }], ca: fx.cert },
    });
    await got.cleanup();
    expect(got.bytes).toBe(png.length);
  });

  it('connects to IP-literal hosts without a lookup: why url.ts checks them itself', async () => {
    fx.dns.asked.length = 0;
    const got = await fx.download(fx.server.url('/shoe.png', '127.0.0.1'), { allowPrivate: true });
    await got.cleanup();
    expect(got.bytes).toBe(png.length);
    expect(fx.dns.asked).toEqual([]);
  });

  it('stops and cleans up when the caller cancels', async () => {
    const controller = new AbortController();
    // Caps far beyond the test's own timeout: only the cancellation can end this download in time.
    const pending = fx.download(fx.server.url('/held.png', 'images.test'), {
      signal: controller.signal,
      timeoutMs: 120_000,
      idleTimeoutMs: 120_000,
    });
    await partialFile();
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).kind).toBe('cancelled');
    expect(fx.leftovers()).toEqual([]);
  });
});
