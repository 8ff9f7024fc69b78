import { PassThrough, Transform, type Readable } from 'node:stream';
import type FormData from 'form-data';
import type { OpenedImage } from '../files/index.js';

export type Part = { name: string; value: string } | { name: string; file: OpenedImage };

export interface MultipartBody {
  contentType: string;
  length: number;
  stream: Readable;
}

/**
 * A file name that cannot break its part header. form-data percent-escapes CR, LF and '"' (as browsers
 * do) but not a backslash, which many parsers (busboy among them) read as escaping the closing quote,
 * so `z.png\` swallowed its part. Control characters have no business in a header either. Other
 * Unicode stays as UTF-8, as browsers send it: RFC 7578 (4.2) forbids the filename* alternative.
 */
export function headerSafeFileName(name: string): string {
  return name.replace(/[\\"\p{Cc}]/gu, '_');
}

/**
 * The form for these parts, nothing read yet: each file's stream is opened only when the form is piped,
 * so the form can also just be measured (dry runs). form-data is loaded on first use to keep start-up lean.
 */
export async function multipartForm(parts: readonly Part[]): Promise<FormData> {
  const { default: FormData } = await import('form-data');
  const form = new FormData();
  for (const part of parts) {
    if ('file' in part) {
      const { file } = part;
      // Given a function, form-data (a combined-stream) opens the file's stream only when it reaches
      // this part. Opened up front, every file read ahead at once and those chunks sat in memory for
      // the whole upload: V8 promoted them, and after a dozen 8-image batches spent more CPU on full
      // garbage collections than on sending (see BENCHMARKS.md).
      form.append(part.name, (next: (stream: Readable) => void) => next(file.stream()), {
        filename: headerSafeFileName(file.fileName),
        contentType: file.mime,
        knownLength: file.size,
      });
    } else {
      form.append(part.name, part.value);
    }
  }
  return form;
}

/**
 * Builds a multipart/form-data body from open files with known lengths, so Content-Length is exact
 * and the bytes stream from disk. Build a new one per attempt: a stream is consumed once.
 */
export async function buildMultipart(
  parts: readonly Part[],
  onBytes?: (sent: number, total: number) => void,
): Promise<MultipartBody> {
  const form = await multipartForm(parts);
  const length = form.getLengthSync();
  const contentType = form.getHeaders()['content-type'] as string;

  // form-data is an old-style stream; undici wants a modern Readable, and progress wants a byte count.
  let sent = 0;
  const counter = onBytes
    ? new Transform({
        transform(chunk: Buffer, _encoding, done) {
          sent += chunk.length;
          onBytes(sent, length);
          done(null, chunk);
        },
      })
    : new PassThrough();
  form.on('error', (error: Error) => counter.destroy(error));
  form.pipe(counter);
  return { contentType, length, stream: counter };
}
