import { SourceError, showUrl } from './errors.js';
import { literalHostRefusal, type AddressRefusal, type AllowPrivate } from './guard.js';

const OTHER_SOURCES = 'or put the file in an allowed folder and give its path';

/** True when a `path` value is meant as an `https://` source rather than a file path. */
export function isHttpsSource(value: string): boolean {
  return /^https:\/\//i.test(value);
}

/** How the reason starts: the given URL itself, or the hop a redirect led to. */
function subject(url: URL, given: URL | undefined): string {
  return given ? `it redirects to ${showUrl(url)}, which is` : 'it is';
}

function checkTarget(url: URL, allow: AllowPrivate, given?: URL): URL {
  const shown = showUrl(given ?? url);
  if (url.protocol !== 'https:') {
    throw new SourceError({
      kind: 'scheme',
      url: shown,
      reason: `${subject(url, given)} not an https:// URL; only https:// is downloaded (encrypted, so nobody on the way can swap the image)`,
      fix: `Give the image's https:// address, ${OTHER_SOURCES}.`,
    });
  }
  if (url.username !== '' || url.password !== '') {
    throw new SourceError({
      kind: 'url',
      url: shown,
      reason: `${subject(url, given)} a URL with a user name or password in it, which the server does not send`,
      fix: `Give a URL without "user:password@", ${OTHER_SOURCES}.`,
    });
  }
  const refusal = literalHostRefusal(url.hostname, allow);
  if (refusal) throw addressError(given ?? url, refusal, given ? url : undefined);
  return url;
}

/** The refusal for a host that is or resolves to a non-public address (`hop`: where a redirect led). */
export function addressError(given: URL, refusal: AddressRefusal, hop?: URL): SourceError {
  const where = hop ? `it redirects to ${showUrl(hop)}, and ` : '';
  return new SourceError({
    kind: 'address',
    url: showUrl(given),
    reason: `${where}${refusal.message}; only public addresses are downloaded from, to keep the server's own network out of reach`,
    fix: "If this is an intranet host you trust, set URL_ALLOW_PRIVATE=1 in the server's environment.",
    cause: refusal,
  });
}

/**
 * The URL to fetch, or a refusal before any network use: malformed, not https:, credentials, or an IP
 * literal in a non-public range (in any spelling the URL parser accepts: 2130706433, 0x7f.1, 0177.0.0.1).
 */
export function parseSourceUrl(input: string, allow: AllowPrivate): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch (cause) {
    throw new SourceError({
      kind: 'url',
      url: showUrl(input),
      reason: 'it is not a valid URL',
      fix: `Check the address, ${OTHER_SOURCES}.`,
      cause,
    });
  }
  return checkTarget(url, allow);
}

/** The next hop of a redirect, checked like the first URL (the guarded lookup checks its address). */
export function redirectTarget(
  location: string | undefined,
  from: URL,
  given: URL,
  allow: AllowPrivate,
): URL {
  let url: URL | undefined;
  try {
    if (location) url = new URL(location, from);
  } catch {
    url = undefined;
  }
  if (!url) {
    throw new SourceError({
      kind: 'redirect',
      url: showUrl(given),
      reason: `${showUrl(from)} answered with a redirect without a valid Location`,
      fix: `Give the image's final address, ${OTHER_SOURCES}.`,
    });
  }
  return checkTarget(url, allow, given);
}
