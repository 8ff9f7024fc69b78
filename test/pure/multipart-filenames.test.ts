import busboy from 'busboy';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import type { OpenedImage } from '../../src/files/index.js';
import { buildMultipart, headerSafeFileName } from '../../src/http/multipart.js';

const image = (fileName: string, bytes: Buffer): OpenedImage => ({
  path: fileName,
  fileName,
  size: bytes.length,
  type: 'png',
  mime: 'image/png',
  stream: () => Readable.from([bytes]),
  close: async () => undefined,
});

interface Received {
  field: string;
  filename: string | undefined;
  bytes: Buffer;
}

/** Parses a body the way the emulator does (busboy), with UTF-8 parameters as browsers send them. */
async function parse(body: { contentType: string; stream: Readable }): Promise<Received[]> {
  const parser = busboy({ headers: { 'content-type': body.contentType }, defParamCharset: 'utf8' });
  const parts: Promise<Received>[] = [];
  parser.on('file', (field, stream, info) =>
    parts.push(buffer(stream).then((bytes) => ({ field, filename: info.filename, bytes }))),
  );
  await new Promise<void>((resolve, reject) => {
    parser.on('close', resolve).on('error', reject);
    body.stream.pipe(parser);
  });
  return Promise.all(parts);
}

const NAMES: [given: string, sent: string][] = [
  ['z.png\\', 'z.png_'],
  ['a\\"b.png', 'a__b.png'],
  ['quote".png', 'quote_.png'],
  ['line\r\nX-Injected: 1.png', 'line__X-Injected: 1.png'],
  ['tab\t\u0000\u007f\u0085.png', 'tab____.png'],
  ['café 東京.png', 'café 東京.png'],
  ['plain.png', 'plain.png'],
];

describe('file names in part headers', () => {
  it('replaces what could break the header (backslash, quote, control characters) and keeps the rest', () => {
    for (const [given, sent] of NAMES) expect(headerSafeFileName(given)).toBe(sent);
  });

  it('sends every file as its own part with a safe name, even one ending in a backslash', async () => {
    const files = NAMES.map(([given], i) => image(given, Buffer.from(`bytes of file ${i}`)));
    const body = await buildMultipart([
      ...files.map((file) => ({ name: 'image', file })),
      { name: 'scene', value: 'normal' },
    ]);
    const received = await parse(body);
    expect(received).toEqual(
      NAMES.map(([, sent], i) => ({
        field: 'image',
        filename: sent,
        bytes: Buffer.from(`bytes of file ${i}`),
      })),
    );
  });
});
