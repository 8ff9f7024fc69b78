import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { finding, type Finding } from '../../config/finding.js';
import { RECORD_FILE } from '../../ledger/file.js';
import { openLedger } from '../../ledger/index.js';
import type { LedgerSettings } from '../../ledger/source.js';

const CHECK = 'Upload record';

/** ENOENT: not there yet, and creatable; anything else (a file on the way) means it cannot be made. */
async function folderState(dir: string): Promise<'exists' | 'missing' | { problem: string }> {
  try {
    return (await stat(dir)).isDirectory() ? 'exists' : { problem: 'ENOTDIR' };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'missing' : { problem: code ?? (error as Error).message };
  }
}

/**
 * Where the record of TracePass uploads lives (exactly once across calls) and how many it holds. A
 * state dir that does not exist yet is not created: the first upload does that.
 */
export async function recordFinding(settings: LedgerSettings): Promise<Finding> {
  const fix = settings.ledgerUrl
    ? 'check that Redis runs there and LEDGER_URL is right, or unset LEDGER_URL to keep the record in the state dir.'
    : 'set CATALOG_UPLOAD_STATE_DIR to a folder this user can write.';
  if (!settings.ledgerUrl) {
    const file = join(settings.stateDir, RECORD_FILE);
    const state = await folderState(settings.stateDir);
    if (state === 'missing') {
      return finding(CHECK, 'ok', `${file}: nothing recorded yet (created on the first TracePass upload)`);
    }
    if (state !== 'exists') {
      return finding(
        CHECK,
        'fail',
        `${settings.stateDir} cannot hold it (${state.problem}): TracePass uploads will fail`,
        fix,
      );
    }
  }
  try {
    const ledger = await openLedger({ ...settings, warn: () => undefined });
    try {
      return finding(CHECK, 'ok', `${ledger.location}: ${await ledger.size()} upload(s) recorded`);
    } finally {
      await ledger.close();
    }
  } catch (error) {
    return finding(CHECK, 'fail', (error as Error).message, fix);
  }
}
