import type { Env } from '../../config/env.js';
import { finding, type Finding } from '../../config/finding.js';
import { readRuntime } from '../../config/runtime.js';
import { NEVER_RETRY } from '../../http/retry.js';
import { PLATFORMS } from '../../platforms/index.js';
import type { Platform } from '../../platforms/platform.js';
import { wireDeps } from '../../server/deps.js';
import { ledgerSettings } from '../../ledger/source.js';
import { renderTable } from '../table.js';
import { folderFindings } from './folders.js';
import { liveFinding } from './live.js';
import { nodeFinding } from './node.js';
import { recordFinding } from './record.js';

/** Longest a doctor call may take: long enough for a slow link, short enough not to look hung. */
const DOCTOR_TIMEOUT_MS = 15_000;

export interface DoctorOptions {
  env: Env;
  folders: readonly string[];
  cwd?: string;
  nodeVersion?: string;
  platforms?: readonly Platform[];
}

/**
 * Every check, in reading order: the process, each platform's settings, the folders, the upload record,
 * then the live calls.
 * The settings rows are the findings of the very readers the server runs.
 */
export async function runChecks({
  env,
  folders,
  cwd,
  nodeVersion,
  platforms = PLATFORMS,
}: DoctorOptions): Promise<Finding[]> {
  const runtime = readRuntime(env);
  const deps = wireDeps({
    env,
    roots: [],
    platforms,
    retryPolicy: () => NEVER_RETRY,
    runtime: ({ http, logLevel, ...rest }) => ({
      ...rest,
      // stderr stays quiet unless LOG_LEVEL asks: the table already says what failed.
      logLevel: env.LOG_LEVEL?.trim() ? logLevel : 'emergency',
      http: {
        connectTimeoutMs: Math.min(http.connectTimeoutMs, DOCTOR_TIMEOUT_MS),
        requestTimeoutMs: Math.min(http.requestTimeoutMs, DOCTOR_TIMEOUT_MS),
      },
    }),
  });
  const none = deps.platforms.every((p) => !p.reading.configured)
    ? [
        finding(
          'Platforms',
          'fail',
          `none of ${deps.platforms.map((p) => p.label).join(', ')} is configured: every tool call would be refused`,
          "set the variables of at least one platform in the client config's env block (see --help).",
        ),
      ]
    : [];
  const [folderRows, record, live] = await Promise.all([
    folderFindings(folders, cwd),
    recordFinding(ledgerSettings(env)),
    Promise.all(deps.platforms.map(liveFinding)),
  ]);
  return [
    nodeFinding(nodeVersion),
    ...runtime.findings,
    ...none,
    ...deps.platforms.flatMap((p) => p.reading.findings),
    ...folderRows,
    record,
    ...live,
  ];
}

export function exitCodeOf(rows: readonly Finding[]): number {
  return rows.some((r) => r.status === 'fail') ? 1 : 0;
}

export function renderReport(rows: readonly Finding[], heading: string, width?: number): string {
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
