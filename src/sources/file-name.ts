import { extname } from 'node:path';
import { MIME, type ImageType } from '../files/sniff.js';

const MAX_NAME_CHARS = 100;
const FALLBACK = 'image';
// Extensions that name an image type: replaced when the bytes say otherwise, so names never mislead.
const IMAGE_EXTENSION = /^\.(jpe?g|jpe|png|webp|gif|bmp|tiff?|heic|heif|avif)$/i;

/** The `filename*` (RFC 5987/6266, preferred) or `filename` parameter of a Content-Disposition header. */
export function dispositionFileName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*([\w!#$%&+^`{}~.-]+)'[^']*'([^;\s]+)/i.exec(header);
  // Only UTF-8 is decoded (what servers send in practice); anything else falls back to `filename`.
  if (extended?.[2] && extended[1]?.toLowerCase() === 'utf-8') {
    try {
      return decodeURIComponent(extended[2]);
    } catch {
      // A malformed escape: fall back to the plain parameter.
    }
  }
  const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(header);
  if (!plain) return undefined;
  return plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2];
}

function lastSegment(url: URL): string | undefined {
  const segment = url.pathname.split('/').filter(Boolean).pop();
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A plain base name, safe on every file system: no folders, controls, reserved characters or leading dots. */
export function sanitizeFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const cleaned = base
    // eslint-disable-next-line no-control-regex -- control characters are not allowed in names
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+|[.\s]+$/g, '');
  if (cleaned.length <= MAX_NAME_CHARS) return cleaned;
  const ext = extname(cleaned).slice(0, 10);
  return cleaned.slice(0, MAX_NAME_CHARS - ext.length) + ext;
}

function withExtension(name: string, type: ImageType): string {
  const ext = extname(name);
  const accepted = type === 'jpeg' ? ['.jpg', '.jpeg', '.jpe'] : [`.${MIME[type].split('/')[1]}`];
  if (accepted.includes(ext.toLowerCase())) return name;
  const stem = IMAGE_EXTENSION.test(ext) ? name.slice(0, -ext.length) : name;
  return `${stem || FALLBACK}${accepted[0]}`;
}

/**
 * The name the downloaded image goes by (the platform sees it as the upload's file name): the server's
 * Content-Disposition, else the last path segment of the URL given, else of the final URL; its extension
 * made to match the type read from the bytes.
 */
export function sourceFileName(
  contentDisposition: string | undefined,
  urls: readonly URL[],
  type: ImageType,
): string {
  const candidates = [dispositionFileName(contentDisposition), ...urls.map(lastSegment)];
  for (const candidate of candidates) {
    const name = candidate === undefined ? '' : sanitizeFileName(candidate);
    if (name) return withExtension(name, type);
  }
  return withExtension(FALLBACK, type);
}
