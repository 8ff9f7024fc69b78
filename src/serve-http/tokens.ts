import { createHash, timingSafeEqual } from 'node:crypto';

/** MCP_HTTP_TOKENS: comma-separated, blanks around each ignored, empty entries dropped. */
export function parseTokens(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token.length > 0);
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Checks an `Authorization` header against the accepted tokens. Tokens are compared as SHA-256 digests
 * with timingSafeEqual: equal lengths whatever was sent, so neither a token's content nor its length
 * leaks through response timing. Every token is compared, so which one matched does not leak either.
 */
export function bearerVerifier(tokens: readonly string[]): (authorization: string | undefined) => boolean {
  const accepted = tokens.map(digest);
  return (authorization) => {
    const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
    if (!match?.[1]) return false;
    const sent = digest(match[1]);
    let ok = false;
    for (const token of accepted) ok = timingSafeEqual(sent, token) || ok;
    return ok;
  };
}
