const REDACTED = '[redacted]';

/** Shorter values would scrub ordinary words; no real key or token is this short. */
const MIN_SECRET_LENGTH = 4;

/** Credentials that travel in query strings or headers, whatever their value. */
const PATTERNS: readonly [RegExp, string][] = [
  [/([?&](?:sign|access_token)=)[^&\s"']+/gi, `$1${REDACTED}`],
  [/(Bearer\s+)[^\s"']+/gi, `$1${REDACTED}`],
];

/**
 * The forms a secret takes in text: as is, URL-encoded (a query string, an echoed URL, a form body),
 * and JSON-escaped (an upstream answer echoing it inside a string).
 */
function formsOf(secret: string): string[] {
  const encoded = encodeURIComponent(secret);
  return [secret, encoded, encoded.replace(/%20/g, '+'), JSON.stringify(secret).slice(1, -1)];
}

export interface Redactor {
  (text: string): string;
  /** The same redactor knowing more secrets: a request's own signature or token. */
  with(more: readonly string[]): Redactor;
}

/** Scrubs every form of every secret, then anything shaped like a credential. Bound once per secret set. */
export function createRedactor(secrets: readonly string[]): Redactor {
  const forms = [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_LENGTH).flatMap(formsOf))]
    // Longest first, so a secret that contains another is scrubbed whole.
    .sort((a, b) => b.length - a.length);
  const redact = ((text: string) => {
    let out = text;
    for (const form of forms) out = out.split(form).join(REDACTED);
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  }) as Redactor;
  redact.with = (more) => (more.length === 0 ? redact : createRedactor([...secrets, ...more]));
  return redact;
}
