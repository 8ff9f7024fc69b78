import type { IncomingMessage } from 'node:http';
import type { Platform, RecordedRequest } from './types.js';

const SECRET_NAMES = new Set([
  'sign',
  'access_token',
  'refresh_token',
  'partner_key',
  'api_key',
  'authorization',
]);

export function redact(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      name,
      SECRET_NAMES.has(name.toLowerCase()) ? '[redacted]' : value,
    ]),
  );
}

/** First value of each query parameter. */
export function queryOf(params: URLSearchParams): Record<string, string> {
  const first = new Map<string, string>();
  for (const [name, value] of params) if (!first.has(name)) first.set(name, value);
  return Object.fromEntries(first);
}

export function platformOf(path: string): Platform | 'other' {
  if (path.startsWith('/api/v2/')) return 'shopee';
  if (path.startsWith('/api/v1/')) return 'tracepass';
  return 'other';
}

export function createRecord(
  req: IncomingMessage,
  path: string,
  query: Record<string, string>,
): RecordedRequest {
  return {
    platform: platformOf(path),
    method: req.method ?? 'GET',
    path,
    query: redact(query),
    hasAuthorization: req.headers.authorization !== undefined,
    ...(req.headers['user-agent'] === undefined ? {} : { userAgent: req.headers['user-agent'] }),
    status: 0,
    parts: [],
    fields: {},
  };
}
