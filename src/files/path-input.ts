import { fileURLToPath } from 'node:url';
import { FileRefusal } from './refusal.js';

/** Linux's PATH_MAX: no real path is longer, so a longer value is refused before the file system sees it. */
export const MAX_PATH_CHARS = 4096;

/** What a `path` may be. Worded to stay true whether or not https:// sources are enabled. */
export const ACCEPTED_SOURCES =
  'Give a local file path inside the allowed folders, a file:// URI, or an https:// URL (where URL sources are enabled).';

export type PathInput =
  { kind: 'local'; path: string } | { kind: 'https'; url: URL } | { kind: 'refused'; refusal: FileRefusal };

// Schemes an agent may paste without "//". Anything else counts as a URL only when "//" follows, so a
// file named "shot:1.png" is still a file, and so is "C:\photos\a.png" (one-letter scheme).
const BARE_SCHEMES = new Set(['file', 'http', 'https', 'data', 'blob', 'javascript', 'mailto', 'about']);

function schemeOf(given: string): string | undefined {
  const match = /^([a-z][a-z0-9+.-]+):(\/\/)?/i.exec(given);
  if (!match?.[1]) return undefined;
  const scheme = match[1].toLowerCase();
  return match[2] !== undefined || BARE_SCHEMES.has(scheme) ? scheme : undefined;
}

const refused = (given: string, reason: string): PathInput => ({
  kind: 'refused',
  refusal: new FileRefusal(given, reason),
});

function tooLong(given: string): number | undefined {
  if (given.length <= MAX_PATH_CHARS) return undefined;
  const chars = [...given].length;
  return chars > MAX_PATH_CHARS ? chars : undefined;
}

function fromFileUri(given: string): PathInput {
  let path: string;
  try {
    path = fileURLToPath(new URL(given));
  } catch {
    return refused(given, `is not a file:// URI of a local file. ${ACCEPTED_SOURCES}`);
  }
  // %00 decodes to a NUL byte, which the file system would cut the path at.
  if (path.includes('\0')) return refused(given, 'contains a NUL byte; pass a plain file path.');
  return { kind: 'local', path };
}

/**
 * What a `path` argument names, decided from the text alone (no file system call): a local path, an
 * https:// URL for the download source to fetch, or a refusal saying what is accepted instead.
 */
export function classifyPathInput(given: string): PathInput {
  const length = tooLong(given);
  if (length !== undefined) {
    return refused(
      given,
      `is ${length.toLocaleString('en-US')} characters long; paths are at most ` +
        `${MAX_PATH_CHARS.toLocaleString('en-US')}. ${ACCEPTED_SOURCES}`,
    );
  }
  if (given.includes('\0')) return refused(given, 'contains a NUL byte; pass a plain file path.');
  const scheme = schemeOf(given);
  if (scheme === undefined) return { kind: 'local', path: given };
  if (scheme === 'file') return fromFileUri(given);
  if (scheme === 'https') {
    try {
      return { kind: 'https', url: new URL(given) };
    } catch {
      return refused(given, `is not a valid https:// URL. ${ACCEPTED_SOURCES}`);
    }
  }
  const what = scheme === 'http' ? 'an http:// URL' : `a ${scheme}: value`;
  return refused(given, `is ${what}, not a file path. ${ACCEPTED_SOURCES}`);
}
