import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { openLedger } from '../../src/ledger/index.js';
import { keyId } from '../../src/ledger/key.js';
import { ledgerConformance } from './conformance.js';

describe('file upload record: conformance', () => {
  ledgerConformance(async () => {
    const stateDir = join(await mkdtemp(join(tmpdir(), 'cum-ledger-')), 'state');
    return {
      open: (options) => openLedger({ stateDir, warn: () => undefined, ...options }),
      shared: { stateDir },
      dropLock: (k) => rm(join(stateDir, 'locks', `${keyId(k)}.lock`), { recursive: true }),
      cleanup: () => rm(join(stateDir, '..'), { recursive: true, force: true }),
    };
  });
});
