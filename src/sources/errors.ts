/**
 * - `url`: not a URL we will fetch (malformed, carries credentials).
 * - `scheme`: not `https:` (given, or reached by a redirect).
 * - `address`: the host is or resolves to a loopback/private/special address.
 * - `redirect`: too many redirects, or a redirect without a usable `Location`.
 * - `http`: the server answered with a failure status.
 * - `too-large`: over the byte cap (declared or counted).
 * - `timeout`: over the total time cap, or the server went quiet.
 * - `not-image`: the bytes are not an accepted image type.
 * - `network`: the connection or TLS handshake failed.
 * - `cancelled`: the caller aborted.
 */
export type SourceFailure =
  | 'url'
  | 'scheme'
  | 'address'
  | 'redirect'
  | 'http'
  | 'too-large'
  | 'timeout'
  | 'not-image'
  | 'network'
  | 'cancelled';

export interface SourceErrorInit {
  kind: SourceFailure;
  /** The URL as it may be shown: no credentials, no query string (signed URLs carry tokens there). */
  url: string;
  /** What went wrong, in one clause. */
  reason: string;
  /** What to do about it, as a sentence. */
  fix: string;
  cause?: unknown;
}

/** The one error a failed `https://` source becomes; its text is written for the agent to act on. */
export class SourceError extends Error {
  override readonly name = 'SourceError';
  readonly kind: SourceFailure;
  readonly url: string;
  readonly reason: string;
  readonly fix: string;

  constructor(init: SourceErrorInit) {
    super(`Cannot download "${init.url}": ${init.reason}. Nothing was uploaded. ${init.fix}`, {
      cause: init.cause,
    });
    this.kind = init.kind;
    this.url = init.url;
    this.reason = init.reason;
    this.fix = init.fix;
  }
}

const SHOWN_URL_CHARS = 200;

/** Origin and path only: user info and query strings may hold secrets and are never echoed. */
export function showUrl(url: URL | string): string {
  let shown: string;
  try {
    const parsed = typeof url === 'string' ? new URL(url) : url;
    shown = `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    shown = String(url)
      .replace(/[?#].*$/s, '')
      .replace(/\/\/[^/]*@/, '//');
  }
  // eslint-disable-next-line no-control-regex -- control characters would break the one-line message
  shown = shown.replace(/[\u0000-\u001f\u007f]/g, '');
  return shown.length > SHOWN_URL_CHARS ? `${shown.slice(0, SHOWN_URL_CHARS)}…` : shown;
}
