import { isLevel, LEVELS, type Level } from '../logging.js';
import { read, type Env } from './env.js';
import { finding, type Finding } from './finding.js';

export interface RuntimeConfig {
  http: { connectTimeoutMs: number; requestTimeoutMs: number };
  /** https:// paths: downloaded unless URL_SOURCES=off; private addresses only with URL_ALLOW_PRIVATE=1. */
  urlSources: { enabled: boolean; allowPrivate: boolean };
  /** stderr gets this level and up. */
  logLevel: Level;
}

const TIMEOUTS = [
  { name: 'UPLOAD_TIMEOUT_MS', key: 'requestTimeoutMs', fallback: 120_000 },
  { name: 'CONNECT_TIMEOUT_MS', key: 'connectTimeoutMs', fallback: 10_000 },
] as const;

export const DEFAULT_LOG_LEVEL: Level = 'warning';
/** The levels LOG_LEVEL takes, as README and --help list them. */
export const LOG_LEVEL_NAMES = LEVELS.map((l) => (l === DEFAULT_LOG_LEVEL ? `${l} (default)` : l)).join(', ');

/** The settings that belong to no platform. A bad value never stops the server: the default is used. */
export function readRuntime(env: Env): { config: RuntimeConfig; findings: Finding[] } {
  const http = { connectTimeoutMs: 0, requestTimeoutMs: 0 };
  const ignored: string[] = [];
  for (const { name, key, fallback } of TIMEOUTS) {
    const raw = read(env, name);
    const parsed = Number(raw);
    const valid = raw !== undefined && Number.isSafeInteger(parsed) && parsed > 0;
    if (raw !== undefined && !valid) ignored.push(`${name} '${raw}'`);
    http[key] = valid ? parsed : fallback;
  }
  const timeouts =
    ignored.length > 0
      ? finding(
          'Timeouts',
          'warn',
          `${ignored.join(' and ')} ignored: not a positive whole number of milliseconds, so the default is used`,
          'set it to e.g. 120000 (UPLOAD_TIMEOUT_MS) or 10000 (CONNECT_TIMEOUT_MS), or unset it.',
        )
      : finding(
          'Timeouts',
          'ok',
          `request ${http.requestTimeoutMs / 1000} s, connect ${http.connectTimeoutMs / 1000} s`,
        );

  const level = read(env, 'LOG_LEVEL');
  const logLevel = isLevel(level) ? level : DEFAULT_LOG_LEVEL;
  const log =
    level === undefined
      ? finding('Log level', 'ok', `${DEFAULT_LOG_LEVEL} and up to stderr (the default)`)
      : isLevel(level)
        ? finding('Log level', 'ok', `${level} and up to stderr`)
        : finding(
            'Log level',
            'warn',
            `LOG_LEVEL '${level}' is not a level, so stderr gets ${DEFAULT_LOG_LEVEL} and up`,
            `set LOG_LEVEL to ${LOG_LEVEL_NAMES}.`,
          );
  const urlSources = {
    enabled: read(env, 'URL_SOURCES') !== 'off',
    allowPrivate: read(env, 'URL_ALLOW_PRIVATE') === '1',
  };
  const sources = finding(
    'URL sources',
    urlSources.allowPrivate && urlSources.enabled ? 'warn' : 'ok',
    !urlSources.enabled
      ? 'off (URL_SOURCES=off): https:// paths are refused'
      : urlSources.allowPrivate
        ? 'https:// paths are downloaded, private and loopback addresses included (URL_ALLOW_PRIVATE=1)'
        : 'https:// paths are downloaded from public addresses only',
    urlSources.allowPrivate && urlSources.enabled
      ? 'unset URL_ALLOW_PRIVATE unless the server must fetch from hosts on its own network.'
      : undefined,
  );
  return { config: { http, logLevel, urlSources }, findings: [timeouts, log, sources] };
}
