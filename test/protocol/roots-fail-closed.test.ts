import { Client, InMemoryTransport, type JSONRPCMessage } from '@modelcontextprotocol/client';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { createServer } from '../../src/server/create-server.js';
import { wireDeps } from '../../src/server/deps.js';
import { eventually } from '../emulator/helpers.js';
import { makeWorkspace, type Workspace } from '../helpers/fixtures.js';
import { textOf } from '../helpers/harness.js';

let emulator: Emulator;
let ws: Workspace;
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  await emulator.close();
  ws.cleanup();
});

type Answer = 'root' | 'throw' | 'invalid';

/**
 * A client that shares `ws.outside` as its root until told otherwise. 'invalid' sends a roots/list
 * answer the schema refuses (a URI that is a number), rewritten on its way out of the client.
 */
async function connect() {
  emulator = await startEmulator();
  ws = makeWorkspace();
  const logs: string[] = [];
  const deps = wireDeps({
    env: { ...emulator.env, LOG_LEVEL: 'emergency' },
    roots: [ws.root],
    sinks: [(level, message) => logs.push(`${level}: ${message}`)],
  });
  const server = createServer(deps);
  const client = new Client(
    { name: 'roots', version: '1' },
    { capabilities: { roots: { listChanged: true } } },
  );
  let answer: Answer = 'root';
  client.setRequestHandler('roots/list', async () => {
    if (answer === 'throw') throw new Error('roots are unavailable');
    return { roots: [{ uri: pathToFileURL(ws.outside).href, name: 'outside' }] };
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const send = clientSide.send.bind(clientSide);
  clientSide.send = (message: JSONRPCMessage, options) => {
    const isRoots = 'result' in message && 'roots' in message.result;
    return send(
      isRoots && answer === 'invalid' ? { ...message, result: { roots: [{ uri: 42 }] } } : message,
      options,
    );
  };
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  close = async () => {
    await client.close();
    await server.close();
  };
  const upload = (path: string) =>
    client.callTool({ name: 'shopee_upload_images', arguments: { paths: [path] } });
  const count = (prefix: string) => logs.filter((line) => line.startsWith(prefix)).length;
  /** Switches the client's answer, announces a change, and waits until the server logged `prefix` once more. */
  const change = async (next: Answer, prefix: string) => {
    answer = next;
    const before = count(prefix);
    await client.sendRootsListChanged();
    await eventually(() => count(prefix) > before);
  };
  return { upload, change, logs };
}

describe('client roots fail closed', () => {
  it.each<Answer>(['throw', 'invalid'])(
    'drops the client root when a refresh answers with %s, keeping the configured folder',
    async (answer) => {
      const { upload, change, logs } = await connect();
      const outside = ws.png('o.png', undefined, ws.outside);
      const inside = ws.png('i.png');
      expect((await upload(outside)).isError).toBeUndefined();

      await change(answer, 'warning');
      const refused = await upload(outside);
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toMatch(/outside the allowed folders/);
      expect((await upload(inside)).isError).toBeUndefined();
      expect(logs.filter((line) => line.startsWith('warning'))).toEqual([
        expect.stringMatching(
          /^warning: Could not read the client's roots \(".+"\): only the configured folders are allowed until the client announces its roots again$/,
        ),
      ]);
      // Only the two successful uploads reached Shopee.
      expect(emulator.requests).toHaveLength(2);

      // A later good answer brings the client root back.
      await change('root', 'info: Client shares 1 root(s)');
      expect((await upload(outside)).isError).toBeUndefined();
    },
  );
});
