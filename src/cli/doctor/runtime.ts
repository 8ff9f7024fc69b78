import { isLevel } from '../../logging.js';
import { read, type Env } from './env.js';
import { row, type Row } from './row.js';

const MIN_NODE = [20, 18, 1] as const;

function nodeRow(version: string): Row {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
  const parts = [major, minor, patch];
  const diff = parts.map((n, i) => n - (MIN_NODE[i] ?? 0)).find((d) => d !== 0) ?? 0;
  const needed = MIN_NODE.join('.');
  return diff >= 0
    ? row('Node.js', 'ok', `v${version} (${needed} or newer needed)`)
    : row(
        'Node.js',
        'fail',
        `v${version} is too old: the server needs ${needed} or newer`,
        'install a current Node.js LTS (https://nodejs.org) and make sure the MCP client finds it on its PATH.',
      );
}

function timeoutsRow(env: Env): Row {
  const bad = ['UPLOAD_TIMEOUT_MS', 'CONNECT_TIMEOUT_MS'].flatMap((name) => {
    const raw = read(env, name);
    const n = Number(raw);
    return raw === undefined || (Number.isSafeInteger(n) && n > 0) ? [] : [`${name} '${raw}'`];
  });
  if (bad.length > 0) {
    return row(
      'Timeouts',
      'warn',
      `${bad.join(' and ')} ignored: not a positive whole number of milliseconds, so the default is used`,
      'set it to e.g. 120000 (UPLOAD_TIMEOUT_MS) or 10000 (CONNECT_TIMEOUT_MS), or unset it.',
    );
  }
  const upload = read(env, 'UPLOAD_TIMEOUT_MS') ?? '120000';
  const connect = read(env, 'CONNECT_TIMEOUT_MS') ?? '10000';
  return row('Timeouts', 'ok', `request ${Number(upload) / 1000} s, connect ${Number(connect) / 1000} s`);
}

function logLevelRow(env: Env): Row {
  const level = read(env, 'LOG_LEVEL');
  if (level === undefined) return row('Log level', 'ok', 'warning and up to stderr (the default)');
  if (isLevel(level)) return row('Log level', 'ok', `${level} and up to stderr`);
  return row(
    'Log level',
    'warn',
    `LOG_LEVEL '${level}' is not a level, so stderr gets warning and up`,
    'set LOG_LEVEL to debug, info, notice, warning or error.',
  );
}

/** Rows about the process itself: the Node.js that runs it, and the variables that are not a platform's. */
export function runtimeRows(env: Env, nodeVersion: string = process.versions.node): Row[] {
  return [nodeRow(nodeVersion), timeoutsRow(env), logLevelRow(env)];
}
