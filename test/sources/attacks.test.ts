import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePng } from '../../src/samples/images.js';
import { sourceFixture, type SourceFixture } from '../helpers/source-fixture.js';

// Network rule: every refusal here happens before a socket connects. The only server is on 127.0.0.1;
// the other addresses exist only in the fake resolver's answers, for the guard to refuse.
let fx: SourceFixture;
const redirectTo = (location: () => string) => (_req: unknown, res: import('node:http').ServerResponse) =>
  res.writeHead(302, { location: location() }).end();

beforeAll(async () => {
  fx = await sourceFixture({
    '/a.png': (_req, res) => res.end(makePng()),
    '/to-evil': redirectTo(() => `https://evil.example:${fx.server.port}/a.png`),
    '/to-metadata': redirectTo(() => `https://metadata.example:${fx.server.port}/latest/meta-data/`),
    '/to-literal': redirectTo(() => `https://127.0.0.1:${fx.server.port}/a.png`),
    '/to-http': redirectTo(() => `http://images.test:${fx.server.port}/a.png`),
  });
});
afterAll(() => fx.close());

/** The refusal, and how many connections reached the test server meanwhile. */
async function attempt(url: string, options: Parameters<SourceFixture['download']>[1] = {}) {
  const before = fx.server.connections();
  const error = await fx.refusal(url, options);
  expect(fx.leftovers()).toEqual([]);
  return { kind: error.kind, message: error.message, connections: fx.server.connections() - before };
}

describe('https sources refused before any connection', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1 is a loopback address'],
    ['[::1]', '[::1] is a loopback address'],
    ['10.0.0.1', '10.0.0.1 is a private address'],
    ['169.254.169.254', '169.254.169.254 is a link-local address'],
    ['100.64.0.1', '100.64.0.1 is a carrier-grade NAT'],
    ['[::ffff:127.0.0.1]', '[::ffff:7f00:1] is a loopback address'],
    ['[::ffff:a00:1]', '[::ffff:a00:1] is a private address'],
    ['2130706433', '127.0.0.1 is a loopback address'],
    ['0x7f.1', '127.0.0.1 is a loopback address'],
    ['0177.0.0.1', '127.0.0.1 is a loopback address'],
  ])('the literal host %s', async (host, reason) => {
    const got = await attempt(`https://${host}:${fx.server.port}/a.png`);
    expect(got).toMatchObject({ kind: 'address', connections: 0 });
    expect(got.message).toContain(reason);
  });

  it.each([
    ['evil.example', 'a private address'],
    ['metadata.example', 'a link-local address'],
    ['cgnat.example', 'a carrier-grade NAT (100.64.0.0/10) address'],
    ['six.example', 'a private (unique-local) address'],
  ])('the name %s, refused in the lookup as resolving to %s', async (name, range) => {
    fx.dns.asked.length = 0;
    const got = await attempt(fx.server.url('/a.png', name));
    expect(got).toMatchObject({ kind: 'address', connections: 0 });
    expect(got.message).toContain(`"https://${name}:${fx.server.port}/a.png": ${name} resolves to ${range}`);
    expect(got.message).toContain('set URL_ALLOW_PRIVATE=1');
    expect(fx.dns.asked).toEqual([name]);
  });

  it('localhost through the system resolver', async () => {
    const got = await attempt(fx.server.url('/a.png', 'localhost'), { network: { ca: fx.cert } });
    expect(got).toMatchObject({ kind: 'address', connections: 0 });
    expect(got.message).toContain('localhost resolves to a loopback address');
  });

  it('http://, without even a name lookup', async () => {
    fx.dns.asked.length = 0;
    const got = await attempt(`http://images.test:${fx.server.port}/a.png`);
    expect(got).toMatchObject({ kind: 'scheme', connections: 0 });
    expect(fx.dns.asked).toEqual([]);
  });
});

describe('redirects re-checked at every hop', () => {
  it.each([
    [
      '/to-evil',
      'address',
      'it redirects to https://evil.example:PORT/a.png, and evil.example resolves to a private address',
    ],
    ['/to-metadata', 'address', 'metadata.example resolves to a link-local address'],
    [
      '/to-literal',
      'address',
      'it redirects to https://127.0.0.1:PORT/a.png, and 127.0.0.1 is a loopback address',
    ],
    ['/to-http', 'scheme', 'it redirects to http://images.test:PORT/a.png, which is not an https:// URL'],
  ])('%s is refused after one request to the allowed host', async (path, kind, reason) => {
    const hits = fx.server.hits.length;
    const got = await attempt(fx.server.url(path, 'images.test'));
    expect(got).toMatchObject({ kind, connections: 1 });
    expect(got.message).toContain(`Cannot download "https://images.test:${fx.server.port}${path}": `);
    expect(got.message).toContain(reason.replace('PORT', String(fx.server.port)));
    expect(fx.server.hits.slice(hits)).toEqual([path]);
  });
});
