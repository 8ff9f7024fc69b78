export type Access = 'read' | 'write';

export interface TracepassKeys {
  apiKeys: string[];
  readOnlyKeys: string[];
}

export type AuthResult = { ok: true } | { ok: false; status: 401 | 403; error: string };

const BEARER = /^Bearer +(\S+)$/i;

export function authorize(header: string | undefined, needs: Access, keys: TracepassKeys): AuthResult {
  const token = BEARER.exec(header ?? '')?.[1];
  if (token === undefined)
    return { ok: false, status: 401, error: 'Missing or invalid Authorization header' };
  if (keys.apiKeys.includes(token)) return { ok: true };
  if (!keys.readOnlyKeys.includes(token)) return { ok: false, status: 401, error: 'Invalid API key' };
  return needs === 'read'
    ? { ok: true }
    : { ok: false, status: 403, error: 'API key lacks the products:write scope' };
}
