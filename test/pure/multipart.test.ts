import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { OpenedImage } from '../../src/files/index.js';
import { buildMultipart } from '../../src/http/multipart.js';

/** An opened image whose stream records when it is opened and when it has been read to the end. */
function fakeImage(fileName: string, bytes: Buffer, events: string[]): OpenedImage {
  return {
    path: fileName,
    fileName,
    size: bytes.length,
    type: 'png',
    mime: 'image/png',
    stream() {
      events.push(`open ${fileName}`);
      return Readable.from([bytes]).on('end', () => events.push(`end ${fileName}`));
    },
    close: async () => undefined,
  };
}

async function read(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('buildMultipart', () => {
  it("opens each file's stream only when its part is reached, so one file is read at a time", async () => {
    const events: string[] = [];
    const a = Buffer.alloc(100_000, 'a');
    const b = Buffer.alloc(50_000, 'b');
    const body = await buildMultipart([
      { name: 'image', file: fakeImage('a.png', a, events) },
      { name: 'image', file: fakeImage('b.png', b, events) },
      { name: 'scene', value: 'normal' },
    ]);

    const sent = await read(body.stream);
    expect(events).toEqual(['open a.png', 'end a.png', 'open b.png', 'end b.png']);
    expect(sent.length).toBe(body.length);
    const boundary = /boundary=(\S+)$/.exec(body.contentType)?.[1] ?? '';
    const text = sent.toString('latin1');
    expect(text.split(`--${boundary}`).map((part) => part.split('\r\n')[1] ?? '')).toEqual([
      '',
      'Content-Disposition: form-data; name="image"; filename="a.png"',
      'Content-Disposition: form-data; name="image"; filename="b.png"',
      'Content-Disposition: form-data; name="scene"',
      '',
    ]);
    expect(sent.indexOf(a)).toBeLessThan(sent.indexOf(b));
  });
});
