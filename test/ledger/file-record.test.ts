import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger, type UploadLedger } from '../../src/ledger/index.js';
import { key } from './conformance.js';

describe('file upload record: the file itself', () => {
  let base: string;
  let stateDir: string;
  let warnings: string[];
  let ledger: UploadLedger;
  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'cum-ledger-'));
    stateDir = join(base, 'state', 'catalog-upload-mcp');
    warnings = [];
    ledger = await openLedger({ stateDir, warn: (message) => warnings.push(message) });
  });
  afterEach(async () => {
    await ledger.close();
    await rm(base, { recursive: true, force: true });
  });

  it('lives in the state dir (0700) as uploads.json (0600), with no temporary file left over', async () => {
    await ledger.record(key(1), 'https://img/1.png');
    expect(ledger.location).toBe(join(stateDir, 'uploads.json'));
    expect((await stat(stateDir)).mode & 0o777).toBe(0o700);
    expect((await stat(ledger.location)).mode & 0o777).toBe(0o600);
    expect((await readdir(stateDir)).sort()).toEqual(['locks', 'uploads.json']);
    const saved = JSON.parse(await readFile(ledger.location, 'utf8'));
    expect(saved).toMatchObject({ version: 1, entries: [{ ...key(1), imageUrl: 'https://img/1.png' }] });
  });

  it.each([
    ['half-written JSON', '{"version":1,"entries":[{"id":'],
    ['JSON of another shape', '{"version":2,"entries":[]}'],
    [
      'an entry missing its URL',
      JSON.stringify({ version: 1, entries: [{ ...key(1), id: 'x', recordedAt: 1 }] }),
    ],
  ])('moves a record holding %s aside with a warning and starts anew', async (_, content) => {
    await writeFile(ledger.location, content);
    expect(await ledger.lookup(key(1))).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`The upload record ${ledger.location} was unreadable`);
    const aside = (await readdir(stateDir)).filter((name) => name.startsWith('uploads.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(stateDir, aside[0] ?? ''), 'utf8')).toBe(content);
    await ledger.record(key(2), 'https://img/2.png');
    expect(await ledger.lookup(key(2))).toBe('https://img/2.png');
    expect(await ledger.size()).toBe(1);
    expect(warnings).toHaveLength(1);
  });

  it('reads a record whose lock directory a crashed writer left behind', async () => {
    await ledger.record(key(1), 'https://img/1.png');
    const old = new Date(Date.now() - 60_000);
    await mkdir(`${ledger.location}.lock`);
    await utimes(`${ledger.location}.lock`, old, old);
    // A short wait, so a lock that is never taken over fails here rather than at the test timeout.
    const impatient = await openLedger({ stateDir, lockWaitMs: 5000 });
    await impatient.record(key(2), 'https://img/2.png');
    expect(await impatient.size()).toBe(2);
  });
});
