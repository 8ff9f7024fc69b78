import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { handshakeMessages } from './handshake.js';

/** The built entry point (`npm test` builds first). */
export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface RawSession {
  /** Every line the server wrote to stdout, as written. */
  stdout: string[];
  stderr(): string;
  send(message: object): void;
  /** The raw line answering request `id`. */
  answer(id: number): Promise<string>;
  /** Sends `initialize` (id 1), `notifications/initialized` and `tools/list` (id 2). */
  handshake(): void;
  close(): void;
}

/** The built server spoken to line by line, as a client would over stdio, with nothing in between. */
export function rawSession(args: string[], env: Record<string, string | undefined>): RawSession {
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  const waiting = new Map<number, (line: string) => void>();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout }).on('line', (line) => {
    stdout.push(line);
    const id = (JSON.parse(line) as { id?: unknown }).id;
    if (typeof id === 'number') waiting.get(id)?.(line);
  });
  const send = (message: object) => child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
  return {
    stdout,
    stderr: () => stderr,
    send,
    answer: (id) =>
      new Promise((resolve) => {
        const seen = stdout.find((line) => (JSON.parse(line) as { id?: unknown }).id === id);
        if (seen === undefined) waiting.set(id, resolve);
        else resolve(seen);
      }),
    handshake() {
      for (const message of handshakeMessages('raw')) send(message);
    },
    close: () => child.kill(),
  };
}
