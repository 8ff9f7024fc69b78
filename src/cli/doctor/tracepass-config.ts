import { readBaseUrl, TRACEPASS_DEFAULT_BASE_URL, type Setting, type TracePassConfig } from '../../config.js';
import { isPlainHttpRemote, read, type Env } from './env.js';
import { described, row, type Row } from './row.js';

function apiKey(env: Env): Row {
  const key = read(env, 'TRACEPASS_API_KEY');
  if (!key) {
    return row(
      'TracePass API key',
      'warn',
      'not configured: tracepass_upload_image and tracepass_delete_image will refuse every call',
      'to use TracePass, set TRACEPASS_API_KEY (a tp_… key from Developer → API Keys in TracePass).',
    );
  }
  const kind = key.startsWith('tp_') ? 'tp_ API key' : 'not tp_…, so taken as an OAuth access token';
  return row('TracePass API key', 'ok', `${described(key)}; ${kind}`);
}

function host(env: Env): Row {
  const raw = read(env, 'TRACEPASS_BASE_URL');
  const parsed = readBaseUrl(raw ?? TRACEPASS_DEFAULT_BASE_URL, 'TRACEPASS_BASE_URL');
  if (typeof parsed !== 'string') {
    return row(
      'TracePass host',
      'fail',
      parsed.problem,
      `set TRACEPASS_BASE_URL to the API origin, or unset it for ${TRACEPASS_DEFAULT_BASE_URL}.`,
    );
  }
  if (isPlainHttpRemote(parsed)) {
    return row(
      'TracePass host',
      'warn',
      `${parsed} uses plain http to another machine: the API key would cross the network in clear`,
      'use https:// (plain http is meant for the local emulator).',
    );
  }
  return row('TracePass host', 'ok', raw ? `${parsed} (TRACEPASS_BASE_URL)` : `${parsed} (the default)`);
}

export function tracepassConfigRows(env: Env, setting: Setting<TracePassConfig>): Row[] {
  const first = apiKey(env);
  if (first.status === 'warn') return [first];
  const rows = [first, host(env)];
  if (!setting.ok && !rows.some((r) => r.status === 'fail')) {
    rows.push(row('TracePass configuration', 'fail', setting.problem, 'fix the variable it names.'));
  }
  return rows;
}
