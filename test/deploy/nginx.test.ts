import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nginxMissing, startNginx, type RunningNginx } from '../helpers/nginx.js';

const missing = nginxMissing();

interface Replica {
  name: string;
  server: Server;
  port: number;
  /** Resolved with what the replica has received of a streamed request body so far. */
  received: (body: string) => void;
}

/** A tiny loopback HTTP server that answers with its name; two of them stand in for replicas. */
async function replica(name: string): Promise<Replica> {
  const self = { name, received: (_body: string) => undefined } as Replica;
  self.server = createServer((req, res) => {
    if (req.url === '/stream') {
      // Answers its first event at once and the rest only when asked: tests the proxy does not buffer.
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: first from ${name}\n\n`);
      req.on('data', (chunk: Buffer) => self.received(chunk.toString()));
      req.on('end', () => res.end(`data: last from ${name}\n\n`));
      return;
    }
    req.resume();
    res.end(name);
  });
  await new Promise<void>((resolve) => self.server.listen(0, '127.0.0.1', resolve));
  self.port = (self.server.address() as AddressInfo).port;
  return self;
}

const get = async (url: string) => {
  const response = await fetch(url);
  return `${response.status} ${await response.text()}`;
};

describe.skipIf(missing)('nginx in front of two replicas (test/helpers/nginx.ts)', () => {
  let a: Replica;
  let b: Replica;
  let nginx: RunningNginx;

  beforeAll(async () => {
    [a, b] = await Promise.all([replica('a'), replica('b')]);
    nginx = await startNginx([a.port, b.port]);
  });
  afterAll(async () => {
    await nginx?.stop();
    for (const r of [a, b]) r?.server.close();
  });

  it('alternates between the replicas, with no stickiness', async () => {
    const answers: string[] = [];
    for (let i = 0; i < 6; i++) answers.push(await get(`${nginx.url}/mcp`));
    const names = answers.map((answer) => answer.replace('200 ', ''));
    expect(names.filter((n) => n === 'a')).toHaveLength(3);
    expect(names.filter((n) => n === 'b')).toHaveLength(3);
    for (let i = 1; i < names.length; i++) expect(names[i]).not.toBe(names[i - 1]);
  });

  it('streams both ways without buffering: events reach the client while the request is still open', async () => {
    const req = request(`${nginx.url}/stream`, { method: 'POST', headers: { 'content-type': 'text/plain' } });
    const response = new Promise<IncomingMessage>((resolve) => req.once('response', resolve));
    const gotPart = new Promise<string>((resolve) => {
      a.received = resolve;
      b.received = resolve;
    });
    req.write('part one');
    // Neither of these could happen if nginx held the request body or the answer until complete.
    expect(await gotPart).toBe('part one');
    const res = await response;
    const first = await new Promise<string>((resolve) =>
      res.once('data', (chunk: Buffer) => resolve(chunk.toString())),
    );
    expect(first).toMatch(/^data: first from [ab]\n\n$/);
    req.end();
    expect(await text(res)).toMatch(/^data: last from [ab]\n\n$/);
  });

  it('sends every request to the survivor when a replica is gone', async () => {
    const closed = new Promise((resolve) => b.server.close(resolve));
    b.server.closeAllConnections();
    await closed;
    const answers: string[] = [];
    for (let i = 0; i < 4; i++) answers.push(await get(`${nginx.url}/mcp`));
    expect(answers).toEqual(['200 a', '200 a', '200 a', '200 a']);
  });
});
