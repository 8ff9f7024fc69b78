import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger, type LedgerKey, type OpenLedgerOptions } from '../../src/ledger/index.js';
import { describeWithRedis } from '../helpers/redis-server.js';
import { startChild } from './children.js';
import { key } from './conformance.js';

const PROCESSES = 4;
const WRITES_EACH = 40;
const RACED_KEYS = 12;
// Node takes a few hundred ms to start on a busy machine: all children begin together after that.
const START_DELAY_MS = 1500;

type Shared = Omit<OpenLedgerOptions, 'warn'>;

/** Several server processes on one record: what concurrent stdio servers or replicas do. */
function multiProcessSuite(shared: () => Promise<Shared>, afterChecks?: (options: Shared) => Promise<void>) {
  let options: Shared;
  let work: string;
  beforeEach(async () => {
    options = await shared();
    work = await mkdtemp(join(tmpdir(), 'cum-race-'));
  });
  afterEach(() => rm(work, { recursive: true, force: true }));

  it(`loses no write when ${PROCESSES} processes record at once`, async () => {
    const keysOf = (p: number) =>
      Array.from({ length: WRITES_EACH }, (_, i) => key(p * 1000 + i, { baseUrl: `https://tp${p}.test` }));
    const startAt = Date.now() + START_DELAY_MS;
    const children = Array.from({ length: PROCESSES }, (_, p) =>
      startChild({ mode: 'hammer', options, startAt, tag: p, keys: keysOf(p) }),
    );
    const results = await Promise.all(children.map((child) => child.result<{ missing: string[] }>()));
    expect(results).toEqual(Array.from({ length: PROCESSES }, () => ({ missing: [] })));
    const warnings: string[] = [];
    const ledger = await openLedger({ ...options, warn: (message) => warnings.push(message) });
    try {
      expect(await ledger.size()).toBe(PROCESSES * WRITES_EACH);
      for (let p = 0; p < PROCESSES; p += 1) {
        for (const [i, k] of keysOf(p).entries()) {
          expect(await ledger.lookup(k)).toBe(`https://img.example/${p}/${i}.png`);
        }
      }
    } finally {
      await ledger.close();
    }
    expect(warnings).toEqual([]);
    await afterChecks?.(options);
  }, 60_000);

  it(`uploads each image once when ${PROCESSES} processes race for the same keys`, async () => {
    const keys = Array.from({ length: RACED_KEYS }, (_, i) => key(i));
    const uploadLog = join(work, 'uploads.log');
    const startAt = Date.now() + START_DELAY_MS;
    // Each process takes the keys in its own order, so races happen at every step, not only the first.
    const children = Array.from({ length: PROCESSES }, (_, p) =>
      startChild({ mode: 'race', options, startAt, uploadLog, keys: rotate(keys, p * 3) }),
    );
    const results = await Promise.all(
      children.map((child) => child.result<{ urls: Record<string, string> }>()),
    );
    const uploads = (await readFile(uploadLog, 'utf8')).trim().split('\n').sort();
    expect(uploads).toEqual(keys.map((k) => k.productId).sort());
    // Every process answers each key with the one URL that was uploaded.
    const first = results[0]?.urls ?? {};
    expect(Object.keys(first)).toHaveLength(RACED_KEYS);
    for (const result of results) expect(result.urls).toEqual(first);
    const ledger = await openLedger({ ...options, warn: () => undefined });
    try {
      expect(await ledger.size()).toBe(RACED_KEYS);
      for (const k of keys) expect(await ledger.lookup(k)).toBe(first[k.productId]);
    } finally {
      await ledger.close();
    }
  }, 60_000);
}

const rotate = (keys: LedgerKey[], by: number) => [...keys.slice(by), ...keys.slice(0, by)];

describe('file upload record shared by several processes', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  multiProcessSuite(
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'cum-ledger-'));
      dirs.push(dir);
      return { stateDir: join(dir, 'state') };
    },
    // A writer that died or skipped the rename would leave a temporary file or a lock behind.
    async ({ stateDir }) => {
      expect((await readdir(stateDir)).sort()).toEqual(['locks', 'uploads.json']);
      expect(await readdir(join(stateDir, 'locks'))).toEqual([]);
    },
  );
});

describeWithRedis('Redis upload record shared by several processes', (redis) => {
  multiProcessSuite(async () => ({
    ledgerUrl: redis().url,
    stateDir: tmpdir(),
    redisPrefix: `mp-${randomUUID()}:`,
  }));
});
