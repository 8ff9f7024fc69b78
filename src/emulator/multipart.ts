import busboy from 'busboy';
import { createHash, type Hash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { drainRequest } from './drain.js';
import { SNIFF_BYTES, sniffImageType } from '../files/sniff.js';
import type { RecordedPart } from './types.js';

export interface FormPart {
  name: string;
  isFile: boolean;
}

export type MultipartResult =
  | { ok: true; files: RecordedPart[]; fields: Record<string, string>; order: FormPart[] }
  | { ok: false; reason: 'not-multipart' | 'malformed' | 'aborted' };

export interface MultipartOptions {
  /** Stop counting a file part's bytes here; choose one past the real limit (see readMultipart). */
  fileSizeLimit: number;
  hash: boolean;
  /** Keep the bytes of file parts smaller than this many bytes (0: keep none). */
  keepUnder?: number;
}

interface FileTally {
  part: RecordedPart;
  head: Buffer;
  hash: Hash | undefined;
  /** Received chunks, while the part is still under the keep limit. */
  kept: Buffer[] | undefined;
}

export function isMultipartFormData(contentType: string | undefined): boolean {
  return /^multipart\/form-data\s*(;|$)/i.test(contentType ?? '');
}

function finish({ part, head, hash, kept }: FileTally): RecordedPart {
  const sniffed = sniffImageType(head);
  return {
    ...part,
    ...(kept ? { data: Buffer.concat(kept) } : {}),
    ...(hash ? { sha256: hash.digest('hex') } : {}),
    ...(sniffed ? { sniffed } : {}),
  };
}

function tallyFile(stream: NodeJS.ReadableStream, tally: FileTally, keepUnder: number): void {
  stream.on('data', (chunk: Buffer) => {
    tally.part.size += chunk.length;
    if (tally.part.size < keepUnder) tally.kept?.push(chunk);
    else tally.kept = undefined;
    tally.hash?.update(chunk);
    if (tally.head.length < SNIFF_BYTES) {
      tally.head = Buffer.concat([tally.head, chunk.subarray(0, SNIFF_BYTES - tally.head.length)]);
    }
  });
  stream.on('limit', () => {
    tally.part.truncated = true;
  });
  // A broken body also errors the open file stream; the parser's own 'error' already reports it.
  stream.on('error', () => undefined);
}

/**
 * Streams a multipart body, keeping of each file part only its first bytes, a byte count and
 * optionally a sha256. The body is always read to its end, whatever happens, so the client is
 * never reset mid-upload.
 *
 * busboy flags a file as truncated as soon as it reaches `limits.fileSize` exactly (see
 * expressjs/multer#1402), so callers pass their limit + 1 and compare `size` themselves.
 */
export async function readMultipart(
  req: IncomingMessage,
  options: MultipartOptions,
): Promise<MultipartResult> {
  const drainedAs = async (reason: 'not-multipart' | 'malformed'): Promise<MultipartResult> =>
    (await drainRequest(req)) ? { ok: false, reason } : { ok: false, reason: 'aborted' };

  if (!isMultipartFormData(req.headers['content-type'])) return drainedAs('not-multipart');
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: req.headers, limits: { fileSize: options.fileSizeLimit } });
  } catch {
    return drainedAs('not-multipart');
  }

  return new Promise((resolve) => {
    const tallies: FileTally[] = [];
    const fields = new Map<string, string>();
    const order: FormPart[] = [];
    let settled = false;
    const settle = (result: MultipartResult | Promise<MultipartResult>): void => {
      if (settled) return;
      settled = true;
      void Promise.resolve(result).then(resolve);
    };

    parser.on('file', (name, stream, info) => {
      const part: RecordedPart = { field: name, contentType: info.mimeType, size: 0 };
      if (info.filename !== undefined) part.filename = info.filename;
      const tally: FileTally = {
        part,
        head: Buffer.alloc(0),
        hash: options.hash ? createHash('sha256') : undefined,
        kept: (options.keepUnder ?? 0) > 0 ? [] : undefined,
      };
      tallies.push(tally);
      order.push({ name, isFile: true });
      tallyFile(stream, tally, options.keepUnder ?? 0);
    });
    parser.on('field', (name, value) => {
      fields.set(name, value);
      order.push({ name, isFile: false });
    });
    parser.on('close', () =>
      settle({ ok: true, files: tallies.map(finish), fields: Object.fromEntries(fields), order }),
    );
    parser.on('error', () => {
      req.unpipe(parser);
      settle(drainedAs('malformed'));
    });
    req.on('close', () => {
      if (!req.complete) settle({ ok: false, reason: 'aborted' });
    });
    req.pipe(parser);
  });
}
