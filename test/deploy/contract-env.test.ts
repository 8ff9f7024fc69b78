import { describe, expect, it } from 'vitest';
import { CONTRACT_ENV, CONTRACT_PATH, contractTableNames } from '../helpers/contract-env.js';

const names = contractTableNames();
if (!names) console.warn(`Skipping the contract cross-check: ${CONTRACT_PATH} is not on this machine`);

describe('the deploy checks’ list of environment variables', () => {
  it.skipIf(!names)('is exactly the contract’s configuration table', () => {
    expect([...CONTRACT_ENV].sort()).toEqual([...names!].sort());
  });
});
