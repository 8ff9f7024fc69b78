import { loadConfig } from '../../config.js';
import { renderTable } from '../table.js';
import type { Env } from './env.js';
import { folderRows } from './folders.js';
import { liveRows } from './live.js';
import type { Row } from './row.js';
import { row } from './row.js';
import { runtimeRows } from './runtime.js';
import { shopeeConfigRows } from './shopee-config.js';
import { tracepassConfigRows } from './tracepass-config.js';

export interface DoctorOptions {
  env: Env;
  folders: readonly string[];
  cwd?: string;
  nodeVersion?: string;
}

/** Every check, in reading order: the process, each platform's settings, the folders, then the live calls. */
export async function runChecks({ env, folders, cwd, nodeVersion }: DoctorOptions): Promise<Row[]> {
  const config = loadConfig(env);
  const shopee = shopeeConfigRows(env, config.shopee);
  const tracepass = tracepassConfigRows(env, config.tracepass);
  const none = [shopee[0], tracepass[0]].every((r) => r?.status === 'warn');
  const platforms = none
    ? [
        row(
          'Platforms',
          'fail',
          'neither Shopee nor TracePass is configured: every tool call would be refused',
          "set the variables of at least one platform in the client config's env block (see --help).",
        ),
      ]
    : [];
  const [folderChecks, live] = await Promise.all([folderRows(folders, cwd), liveRows(config, env)]);
  return [...runtimeRows(env, nodeVersion), ...platforms, ...shopee, ...tracepass, ...folderChecks, ...live];
}

export function exitCodeOf(rows: readonly Row[]): number {
  return rows.some((r) => r.status === 'fail') ? 1 : 0;
}

export function renderReport(rows: readonly Row[], heading: string, width?: number): string {
  const failures = rows.filter((r) => r.status === 'fail').length;
  const warnings = rows.filter((r) => r.status === 'warn').length;
  const verdict =
    failures > 0
      ? `${failures} check(s) failed${warnings ? `, ${warnings} warning(s)` : ''}: follow each fix, then run doctor again.`
      : warnings > 0
        ? `No failures; ${warnings} warning(s) worth a look.`
        : 'All checks passed: an MCP client can start this server with this set-up.';
  return [
    heading,
    'Checks the environment and folders of this command: run it with the same env and args as your MCP client config.',
    '',
    renderTable(rows, width),
    '',
    verdict,
  ].join('\n');
}
