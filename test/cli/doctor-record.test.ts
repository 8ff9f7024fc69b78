import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChecks } from '../../src/cli/doctor/index.js';
import { recordFinding } from '../../src/cli/doctor/record.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { openLedger } from '../../src/ledger/index.js';
import { makeWorkspace, type Workspace } from '../helpers/fixtures.js';
import { describeWithRedis } from '../helpers/redis-server.js';

let emulator: Emulator;
let ws: Workspace;
beforeAll(async () => {
  emulator = await startEmulator();
  ws = makeWorkspace();
});
afterAll(async () => {
  await emulator.close();
  ws.cleanup();
});

const key = (n: number) => ({
  baseUrl: emulator.url,
  productId: 'ab'.repeat(12),
  sha256: n.toString(16).padStart(64, '0'),
});

async function recordRow(stateDir: string) {
  const rows = await runChecks({
    env: { ...emulator.env, CATALOG_UPLOAD_STATE_DIR: stateDir },
    folders: [ws.root],
  });
  // Read after the folders, before the live calls.
  expect(rows.map((r) => r.check).slice(-3)).toEqual(['Upload record', 'Shopee API', 'TracePass API']);
  return rows.find((r) => r.check === 'Upload record');
}

describe('doctor: the upload record', () => {
  it('shows where the record will be, without creating anything, before the first upload', async () => {
    const stateDir = join(ws.base, 'not-yet');
    expect(await recordRow(stateDir)).toEqual({
      check: 'Upload record',
      status: 'ok',
      detail: `${join(stateDir, 'uploads.json')}: nothing recorded yet (created on the first TracePass upload)`,
    });
    expect(existsSync(stateDir)).toBe(false);
  });

  it('shows the record file and how many uploads it holds', async () => {
    const stateDir = join(ws.base, 'state');
    const ledger = await openLedger({ stateDir });
    await ledger.record(key(1), 'https://img.test/1.png');
    await ledger.record(key(2), 'https://img.test/2.png');
    await ledger.close();
    expect(await recordRow(stateDir)).toEqual({
      check: 'Upload record',
      status: 'ok',
      detail: `${join(stateDir, 'uploads.json')}: 2 upload(s) recorded`,
    });
  });

  it('fails when the state dir cannot be a folder, saying what to set', async () => {
    const stateDir = join(ws.file('a-file', 'not a folder'), 'state');
    expect(await recordRow(stateDir)).toEqual({
      check: 'Upload record',
      status: 'fail',
      detail: `${stateDir} cannot hold it (ENOTDIR): TracePass uploads will fail`,
      fix: 'set CATALOG_UPLOAD_STATE_DIR to a folder this user can write.',
    });
  });

  it('fails on a LEDGER_URL that is not redis://', async () => {
    const row = await recordFinding({ ledgerUrl: 'http://127.0.0.1:1/', stateDir: ws.base });
    expect(row).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/^LEDGER_URL must start with redis:\/\//),
    });
  });
});

describeWithRedis('doctor: the upload record in Redis', (redis) => {
  it('shows the Redis URL without its password, and the entries', async () => {
    const ledger = await openLedger({ ledgerUrl: redis().url, stateDir: ws.base });
    await ledger.record(key(3), 'https://img.test/3.png');
    await ledger.close();
    const row = await recordFinding({ ledgerUrl: redis().url, stateDir: ws.base });
    expect(row).toEqual({
      check: 'Upload record',
      status: 'ok',
      detail: `redis://127.0.0.1:${redis().port}: 1 upload(s) recorded`,
    });
  });

  it('fails when Redis cannot be reached, without showing the password', async () => {
    const unreachable = redis().url.replace(`:${redis().port}`, ':1');
    const row = await recordFinding({ ledgerUrl: unreachable, stateDir: ws.base });
    expect(row).toMatchObject({ status: 'fail', fix: expect.stringMatching(/unset LEDGER_URL/) });
    expect(row.detail).toMatch(/^Could not reach the upload record at redis:\/\/127\.0\.0\.1:1/);
    expect(JSON.stringify(row)).not.toContain(redis().password);
  });
});
