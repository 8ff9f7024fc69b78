import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client, type ClientOptions } from '@modelcontextprotocol/client';
import type { CallToolResult, LoggingMessageNotificationParams } from '@modelcontextprotocol/client';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeWorkspace, type Workspace } from './fixtures.js';
import { CLI } from './raw-stdio.js';

/** The two ways a client opens a connection, by the revision each negotiates with the server. */
export const ERAS = {
  '2025-11-25': { era: 'legacy', handshake: 'initialize', options: {} },
  '2026-07-28': {
    era: 'modern',
    handshake: 'server/discover',
    options: { versionNegotiation: { mode: { pin: '2026-07-28' } } },
  },
} as const satisfies Record<string, { era: string; handshake: string; options: ClientOptions }>;
export type Revision = keyof typeof ERAS;
export const REVISIONS = Object.keys(ERAS) as Revision[];

export interface EraSession {
  revision: Revision;
  emulator: Emulator;
  ws: Workspace;
  client: Client;
  /** Every `notifications/message` the server sent, in order. */
  messages: LoggingMessageNotificationParams[];
  /** What the server wrote to stderr so far (for failure messages). */
  stderr(): string;
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  /** Starts a call that `cancel()` aborts, as a client does with `notifications/cancelled`. */
  cancellable(name: string, args: Record<string, unknown>): { cancel(): void; result: Promise<unknown> };
  close(): Promise<void>;
}

export interface EraSessionOptions {
  /** Folders the client answers `roots/list` with (the client always declares the roots capability). */
  clientRoots?: (ws: Workspace) => string[];
}

/**
 * The embedded emulator, a workspace, and the built server (`dist/cli.js <root>`) spawned over stdio by
 * an SDK client that negotiates `revision`.
 */
export async function openEraSession(
  revision: Revision,
  options: EraSessionOptions = {},
): Promise<EraSession> {
  const emulator = await startEmulator();
  const ws = makeWorkspace();
  const client = new Client(
    { name: `eras-${revision}`, version: '1.0.0' },
    { ...ERAS[revision].options, capabilities: { roots: { listChanged: true } } },
  );
  const roots = (options.clientRoots?.(ws) ?? []).map((dir) => ({ uri: pathToFileURL(dir).href }));
  client.setRequestHandler('roots/list', async () => ({ roots }));
  const messages: LoggingMessageNotificationParams[] = [];
  client.setNotificationHandler('notifications/message', (n) => void messages.push(n.params));
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, ws.root],
    env: {
      ...emulator.env,
      PATH: process.env.PATH ?? '',
      CATALOG_UPLOAD_STATE_DIR: join(ws.base, 'state'),
    },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    await client.connect(transport);
  } catch (error) {
    await emulator.close();
    ws.cleanup();
    throw new Error(`connect failed: ${(error as Error).message}\n${stderr}`);
  }
  return {
    revision,
    emulator,
    ws,
    client,
    messages,
    stderr: () => stderr,
    call: (name, args) => client.callTool({ name, arguments: args }),
    cancellable(name, args) {
      const controller = new AbortController();
      const result = client.callTool({ name, arguments: args }, { signal: controller.signal });
      result.catch(() => undefined);
      return { cancel: () => controller.abort('user cancelled'), result };
    },
    async close() {
      await client.close();
      await emulator.close();
      ws.cleanup();
    },
  };
}
