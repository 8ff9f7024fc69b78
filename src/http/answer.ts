import type { Readable } from 'node:stream';

/** Largest answer body read; real answers are a few kilobytes, and a body past this is not one. */
export const MAX_ANSWER_BYTES = 1024 * 1024;

export class AnswerTooLarge extends Error {
  override readonly name = 'AnswerTooLarge';
}

/** Reads a whole answer body as text, giving up (and dropping the connection) past `limit` bytes. */
export async function readCapped(body: Readable, limit = MAX_ANSWER_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      body.destroy();
      throw new AnswerTooLarge(`more than ${limit.toLocaleString('en-US')} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
