import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { LedgerBusyError, type LedgerKey, type UploadLedger } from '../../src/ledger/index.js';
import type { OpenLedgerOptions } from '../../src/ledger/index.js';
import { startChild } from './children.js';

/** One fresh, empty record for one test; every `open` reaches the same record. */
export interface LedgerPlace {
  open(options?: Partial<OpenLedgerOptions>): Promise<UploadLedger>;
  /** openLedger options (JSON) with which another process reaches the same record. */
  shared: Omit<OpenLedgerOptions, 'warn'>;
  /** Removes the key's lock behind its holder's back, as if it had expired. */
  dropLock(key: LedgerKey): Promise<void>;
  cleanup(): Promise<void>;
}

export const key = (n: number, overrides: Partial<LedgerKey> = {}): LedgerKey => ({
  baseUrl: 'https://tracepass.test',
  productId: `${n}`.padStart(24, '0'),
  sha256: createHash('sha256').update(`image ${n}`).digest('hex'),
  ...overrides,
});

// Short, so crash tests wait seconds, not minutes; yet three times the file lock's 1 s refresh
// floor, so a holder on a busy machine is not taken for crashed.
const STALE_MS = 3000;

/** The behaviour every UploadLedger backend must show; each backend's test file runs it. */
export function ledgerConformance(newPlace: () => Promise<LedgerPlace>): void {
  let place: LedgerPlace;
  const opened: UploadLedger[] = [];
  const open = async (options?: Partial<OpenLedgerOptions>) => {
    const ledger = await place.open({ lockStaleMs: STALE_MS, ...options });
    opened.push(ledger);
    return ledger;
  };
  beforeEach(async () => {
    place = await newPlace();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((ledger) => ledger.close()));
    await place.cleanup();
  });

  it('records, looks up, overwrites and forgets by the whole key', async () => {
    const ledger = await open();
    expect(await ledger.lookup(key(1))).toBeUndefined();
    expect(await ledger.size()).toBe(0);
    await ledger.record(key(1), 'https://img/1a.png');
    expect(await ledger.lookup(key(1))).toBe('https://img/1a.png');
    for (const other of [
      key(1, { baseUrl: 'https://other.test' }),
      key(1, { productId: key(2).productId }),
      key(1, { sha256: key(2).sha256 }),
    ]) {
      expect(await ledger.lookup(other)).toBeUndefined();
    }
    await ledger.record(key(1), 'https://img/1b.png');
    await ledger.record(key(2), 'https://img/2.png');
    expect(await ledger.lookup(key(1))).toBe('https://img/1b.png');
    expect(await ledger.size()).toBe(2);
    await ledger.forget(key(1));
    await ledger.forget(key(3));
    expect(await ledger.lookup(key(1))).toBeUndefined();
    expect(await ledger.lookup(key(2))).toBe('https://img/2.png');
    expect(await ledger.size()).toBe(1);
  });

  it('refuses a key whose digest is not lowercase hex SHA-256', async () => {
    const ledger = await open();
    const base64 = createHash('sha256').update('x').digest('base64');
    await expect(ledger.lookup(key(1, { sha256: base64 }))).rejects.toThrow(/64 lowercase hex/);
    await expect(ledger.record(key(1, { productId: '' }), 'u')).rejects.toThrow(/must not be empty/);
  });

  it('survives closing and reopening, and is shared by instances open at once', async () => {
    const first = await open();
    const second = await open();
    await first.record(key(1), 'https://img/1.png');
    expect(await second.lookup(key(1))).toBe('https://img/1.png');
    await first.close();
    opened.splice(opened.indexOf(first), 1);
    const reopened = await open();
    expect(await reopened.lookup(key(1))).toBe('https://img/1.png');
    expect(await reopened.size()).toBe(1);
  });

  it('keeps exactly maxEntries, pruning the least recently recorded', async () => {
    const ledger = await open({ maxEntries: 5 });
    for (let n = 0; n < 5; n += 1) await ledger.record(key(n), `https://img/${n}.png`);
    expect(await ledger.size()).toBe(5);
    expect(await ledger.lookup(key(0))).toBe('https://img/0.png');
    // Recording key 0 again makes it the newest, so key 1 is the one pruned next.
    await ledger.record(key(0), 'https://img/0.png');
    await ledger.record(key(5), 'https://img/5.png');
    expect(await ledger.size()).toBe(5);
    expect(await ledger.lookup(key(1))).toBeUndefined();
    for (const n of [0, 2, 3, 4, 5]) expect(await ledger.lookup(key(n))).toBe(`https://img/${n}.png`);
  });

  it('serializes withLock on one key across instances, and runs different keys in parallel', async () => {
    const [a, b] = [await open(), await open()];
    const events: string[] = [];
    const hold = (ledger: UploadLedger, k: LedgerKey, name: string) =>
      ledger.withLock(k, async () => {
        events.push(`${name} in`);
        await sleep(300);
        events.push(`${name} out`);
        return name;
      });
    expect(await Promise.all([hold(a, key(1), 'a'), hold(b, key(1), 'b')])).toEqual(['a', 'b']);
    expect(events.join()).toMatch(/^(a in,a out,b in,b out|b in,b out,a in,a out)$/);
    events.length = 0;
    await Promise.all([hold(a, key(1), 'a'), hold(b, key(2), 'b')]);
    expect(events.slice(0, 2).sort()).toEqual(['a in', 'b in']);
  });

  it('releases the lock when fn throws, and passes the error on', async () => {
    const ledger = await open({ lockWaitMs: 1000 });
    await expect(ledger.withLock(key(1), () => Promise.reject(new Error('upload failed')))).rejects.toThrow(
      'upload failed',
    );
    expect(await ledger.withLock(key(1), async () => 'next')).toBe('next');
  });

  it('gives up waiting after lockWaitMs with LedgerBusyError naming the product', async () => {
    const holder = await open();
    const waiter = await open({ lockWaitMs: 400 });
    let release!: () => void;
    const held = holder.withLock(key(1), () => new Promise<void>((resolve) => (release = resolve)));
    await sleep(50);
    const started = Date.now();
    const error = await waiter.withLock(key(1), async () => 'got in').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LedgerBusyError);
    expect((error as Error).message).toContain(key(1).productId);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    release();
    await held;
  });

  it('keeps the lock while a holder runs longer than the expiry', async () => {
    const [holder, waiter] = [await open(), await open({ lockWaitMs: 15_000 })];
    const events: string[] = [];
    const long = holder.withLock(key(1), async () => {
      events.push('holder in');
      await sleep(STALE_MS * 2);
      events.push('holder out');
    });
    await sleep(50);
    await waiter.withLock(key(1), async () => void events.push('waiter in'));
    await long;
    expect(events).toEqual(['holder in', 'holder out', 'waiter in']);
  }, 20_000);

  it('frees the lock of a holder that crashed, once it expires', async () => {
    const child = startChild({
      mode: 'hold',
      key: key(1),
      options: { ...place.shared, lockStaleMs: STALE_MS },
    });
    try {
      await child.printed('locked');
      const impatient = await open({ lockWaitMs: 300 });
      await expect(impatient.withLock(key(1), async () => 'in')).rejects.toBeInstanceOf(LedgerBusyError);
    } finally {
      child.kill();
    }
    // Without expiry the lock would stay held and this would end in LedgerBusyError.
    const patient = await open({ lockWaitMs: STALE_MS * 4 });
    expect(await patient.withLock(key(1), async () => 'in')).toBe('in');
  }, 20_000);

  it('after losing its lock, a holder warns and does not free the next holder', async () => {
    const warnings: string[] = [];
    const first = await open({ warn: (message) => warnings.push(message) });
    const [second, third] = [await open(), await open({ lockWaitMs: 300 })];
    let releaseSecond!: () => void;
    let secondHolds!: Promise<void>;
    await first.withLock(key(1), async () => {
      await place.dropLock(key(1));
      secondHolds = second.withLock(key(1), () => new Promise<void>((resolve) => (releaseSecond = resolve)));
      // Long enough for the first holder's refresh to find the lock is no longer its own.
      await sleep(STALE_MS * 0.75);
    });
    expect(warnings.join('\n')).toContain(`lock for product ${key(1).productId}`);
    await expect(third.withLock(key(1), async () => 'in')).rejects.toBeInstanceOf(LedgerBusyError);
    releaseSecond();
    await secondHolds;
    expect(await third.withLock(key(1), async () => 'in')).toBe('in');
  });
}
