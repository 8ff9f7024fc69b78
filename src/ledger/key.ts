import { createHash } from 'node:crypto';
import type { LedgerKey } from './types.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A fixed-length id for a key: safe as a file name and a Redis field, whatever the URL holds. */
export function keyId(key: LedgerKey): string {
  if (!SHA256_HEX.test(key.sha256)) {
    // A base64 or uppercase digest would silently never match the ones recorded before.
    throw new TypeError('LedgerKey.sha256 must be 64 lowercase hex characters');
  }
  if (key.baseUrl === '' || key.productId === '') {
    throw new TypeError('LedgerKey.baseUrl and LedgerKey.productId must not be empty');
  }
  // JSON keeps the three parts apart: no choice of separator could be confused with URL text.
  return createHash('sha256')
    .update(JSON.stringify([key.baseUrl, key.productId, key.sha256]))
    .digest('hex');
}
