import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { createClient } from '@redis/client';
import { expect, it } from 'vitest';
import { openLedger } from '../../src/ledger/index.js';
import { keyId } from '../../src/ledger/key.js';
import { describeWithRedis } from '../helpers/redis-server.js';
import { key, ledgerConformance } from './conformance.js';

describeWithRedis('Redis upload record', (redis) => {
  // A prefix per test keeps tests apart on one server, as it keeps deployments apart on one Redis.
  const prefix = () => `test-${randomUUID()}:`;

  ledgerConformance(async () => {
    const shared = { ledgerUrl: redis().url, stateDir: tmpdir(), redisPrefix: prefix() };
    const raw = createClient({ url: redis().url });
    await raw.connect();
    return {
      open: (options) => openLedger({ ...shared, warn: () => undefined, ...options }),
      shared,
      dropLock: async (k) => void (await raw.del(`${shared.redisPrefix}lock:${keyId(k)}`)),
      cleanup: async () => raw.destroy(),
    };
  });

  it('shows its location without the password, and authenticates with it', async () => {
    const ledger = await openLedger({ ledgerUrl: redis().url, stateDir: tmpdir(), redisPrefix: prefix() });
    try {
      expect(ledger.location).toBe(`redis://127.0.0.1:${redis().port}`);
      await ledger.record(key(1), 'https://img/1.png');
      expect(await ledger.lookup(key(1))).toBe('https://img/1.png');
    } finally {
      await ledger.close();
    }
  });

  it('keeps a held lock as an expiring key, and removes it on release', async () => {
    const redisPrefix = prefix();
    const ledger = await openLedger({
      ledgerUrl: redis().url,
      stateDir: tmpdir(),
      redisPrefix,
      lockStaleMs: 5000,
    });
    const raw = createClient({ url: redis().url });
    await raw.connect();
    try {
      const locks = () => raw.keys(`${redisPrefix}lock:*`);
      const ttl = await ledger.withLock(key(1), async () => {
        const held = await locks();
        expect(held).toHaveLength(1);
        return raw.pTTL(held[0] ?? '');
      });
      // Some time passes between taking the lock and asking; -1 would mean it never expires.
      expect(ttl).toBeGreaterThan(1000);
      expect(ttl).toBeLessThanOrEqual(5000);
      expect(await locks()).toEqual([]);
    } finally {
      raw.destroy();
      await ledger.close();
    }
  });

  it('refuses a wrong password, naming the place but not the password', async () => {
    const wrong = redis().url.replace(redis().password, 'not-the-password');
    const error = await openLedger({ ledgerUrl: wrong, stateDir: tmpdir() }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /^Could not reach the upload record at redis:\/\/127\.0\.0\.1:\d+ /,
    );
    expect((error as Error).message).not.toContain('not-the-password');
  });
});

it('fails fast when nothing listens at LEDGER_URL, saying what to do', async () => {
  const started = Date.now();
  // Port 9 (discard) is not served on loopback here: the connection is refused at once.
  const open = openLedger({
    ledgerUrl: 'redis://:secret@127.0.0.1:9',
    stateDir: tmpdir(),
    warn: () => undefined,
  });
  await expect(open).rejects.toThrow(
    /^Could not reach the upload record at redis:\/\/127\.0\.0\.1:9 \(LEDGER_URL\): .*unset LEDGER_URL/,
  );
  await expect(open).rejects.not.toThrow(/secret/);
  expect(Date.now() - started).toBeLessThan(5000);
});

it.each([
  ['https://cache.test/0', /must start with redis:\/\/ or rediss:\/\/ \(it starts with https:\/\/\)/],
  ['cache.test:6379', /must start with redis:\/\/ or rediss:\/\//],
  ['not a url with pw', /LEDGER_URL is not a URL/],
])('refuses LEDGER_URL=%s without echoing it', async (ledgerUrl, message) => {
  const error = await openLedger({ ledgerUrl, stateDir: tmpdir() }).catch((e: unknown) => e);
  expect((error as Error).message).toMatch(message);
  expect((error as Error).message).not.toContain(ledgerUrl);
});
