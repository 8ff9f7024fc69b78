import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import type { CallToolResult } from '@modelcontextprotocol/client';
import { join } from 'node:path';
import type { Dispatcher } from 'undici';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/index.js';
import type { FileAccess } from '../../src/files/index.js';
import type { RetryPolicy } from '../../src/http/retry.js';
import { createServer } from '../../src/server/create-server.js';
import { wireDeps } from '../../src/server/deps.js';
import type { ServerDeps } from '../../src/server/create-server.js';
import { makeWorkspace, type Workspace } from './fixtures.js';

/** The real retry policies with millisecond delays, so retry tests run fast but take the same paths. */
export const fastRetries = (policy: RetryPolicy): RetryPolicy => ({
  ...policy,
  baseDelayMs: 1,
  maxDelayMs: 2,
});

export interface Harness {
  emulator: Emulator;
  ws: Workspace;
  client: Client;
  deps: ServerDeps;
  /** Every log line the server produced (all levels), as `level: message {data}`. */
  logs: string[];
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Environment on top of the emulator's (set a value to '' to unset it). */
  env?: Record<string, string>;
  emulator?: EmulatorOptions;
  roots?: (ws: Workspace) => string[];
  now?: () => number;
  /** Sends through this undici dispatcher (e.g. one that records every URL). */
  dispatcher?: Dispatcher;
  /** Wraps the server's file access, to act between validation and upload. */
  files?: (files: FileAccess) => FileAccess;
  /** Another server on this emulator and workspace (a restart, a second process): close() leaves them. */
  on?: Pick<Harness, 'emulator' | 'ws'>;
}

/** The embedded emulator on 127.0.0.1, the real server wired to it, and an SDK client in memory. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const emulator = options.on?.emulator ?? (await startEmulator(options.emulator));
  const ws = options.on?.ws ?? makeWorkspace();
  const logs: string[] = [];
  const wired = wireDeps({
    // Lines are collected in `logs`; stderr stays quiet unless a test asks for LOG_LEVEL. The upload
    // record lives in the workspace, never in the user's state dir.
    env: {
      LOG_LEVEL: 'emergency',
      CATALOG_UPLOAD_STATE_DIR: join(ws.base, 'state'),
      ...emulator.env,
      ...options.env,
    },
    roots: options.roots?.(ws) ?? [ws.root],
    sinks: [
      (level, message, data) => logs.push(`${level}: ${message}${data ? ` ${JSON.stringify(data)}` : ''}`),
    ],
    retryPolicy: fastRetries,
    now: options.now,
    dispatcher: options.dispatcher,
  });
  const deps = options.files ? { ...wired, files: options.files(wired.files) } : wired;
  const server = createServer(deps);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'test-client', version: '1.0.0' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return {
    emulator,
    ws,
    client,
    deps,
    logs,
    call: (name, args) => client.callTool({ name, arguments: args }),
    async close() {
      await client.close();
      await server.close();
      await deps.ledger.close();
      if (options.on) return;
      await emulator.close();
      ws.cleanup();
    },
  };
}

export function textOf(result: CallToolResult): string {
  return result.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
}
