import { homedir } from 'node:os';
import { read, type Env } from '../config/env.js';
import { defaultStateDir } from './state-dir.js';
import type { UploadLedger } from './types.js';

/** Where the upload record lives, as the environment says. */
export interface LedgerSettings {
  /** LEDGER_URL (redis://…): the record is in Redis, shared by every replica. */
  ledgerUrl?: string;
  /** CATALOG_UPLOAD_STATE_DIR, else the user's state dir: the record file's folder. */
  stateDir: string;
}

export function ledgerSettings(env: Env, platform = process.platform, home = homedir()): LedgerSettings {
  const ledgerUrl = read(env, 'LEDGER_URL');
  const stateDir = defaultStateDir(
    { ...env, CATALOG_UPLOAD_STATE_DIR: read(env, 'CATALOG_UPLOAD_STATE_DIR') },
    platform,
    home,
  );
  return ledgerUrl ? { ledgerUrl, stateDir } : { stateDir };
}

/** The upload record of this process: every connection (stdio, or each HTTP request) shares it. */
export interface LedgerSource {
  /** Opens the record on first use. A failure is not kept: the next call tries again. */
  get(): Promise<UploadLedger>;
  close(): Promise<void>;
}

/**
 * Opened on first use, not at start-up: a client times the server's start, most sessions never upload
 * to TracePass, and the Redis client alone takes longer to load than the rest of the server.
 */
export function lazyLedger(settings: LedgerSettings, warn: (message: string) => void): LedgerSource {
  let opening: Promise<UploadLedger> | undefined;
  const open = async (): Promise<UploadLedger> => {
    const { openLedger } = await import('./index.js');
    try {
      return await openLedger({ ...settings, warn });
    } catch (error) {
      // The Redis backend's own error already names LEDGER_URL and the fix.
      if (settings.ledgerUrl) throw error;
      throw new Error(
        `The upload record in ${settings.stateDir} could not be opened (${(error as Error).message}), ` +
          'so nothing was sent. Set CATALOG_UPLOAD_STATE_DIR to a folder this user can write.',
        { cause: error },
      );
    }
  };
  return {
    get() {
      const current = (opening ??= open());
      current.catch(() => {
        if (opening === current) opening = undefined;
      });
      return current;
    },
    async close() {
      const current = opening;
      opening = undefined;
      const ledger = await current?.catch(() => undefined);
      await ledger?.close();
    },
  };
}
