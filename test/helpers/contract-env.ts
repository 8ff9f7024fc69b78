import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The environment variables the contract's "Configuration (environment)" table lists. Kept here so the
 * deploy checks run on any clone; contract-env.test.ts compares it with the contract where that file is.
 */
export const CONTRACT_ENV = [
  'SHOPEE_PARTNER_ID',
  'SHOPEE_PARTNER_KEY',
  'SHOPEE_REGION',
  'SHOPEE_BASE_URL',
  'SHOPEE_SHOP_ID',
  'SHOPEE_ACCESS_TOKEN',
  'TRACEPASS_API_KEY',
  'TRACEPASS_BASE_URL',
  'CATALOG_UPLOAD_STATE_DIR',
  'LEDGER_URL',
  'URL_SOURCES',
  'URL_ALLOW_PRIVATE',
  'MCP_HTTP_TOKENS',
] as const;

/** shared/contract.md sits beside the repository on the team's machines and in CI; not in a user's clone. */
export const CONTRACT_PATH = fileURLToPath(new URL('../../../shared/contract.md', import.meta.url));

/** The variable names in the first column of the contract's configuration table, if the file is here. */
export function contractTableNames(): string[] | undefined {
  if (!existsSync(CONTRACT_PATH)) return undefined;
  const text = readFileSync(CONTRACT_PATH, 'utf8');
  const section = text.split(/^## /m).find((s) => s.startsWith('Configuration (environment)'));
  if (!section) throw new Error(`${CONTRACT_PATH} has no "Configuration (environment)" section`);
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]!));
}
