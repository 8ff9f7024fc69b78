import { fileURLToPath } from 'node:url';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SHOPEE_PARTNER,
  DEFAULT_SHOPEE_SHOP,
  DEFAULT_TRACEPASS_API_KEY,
  DEMO_PRODUCT_ID,
  startEmulator,
  type Emulator,
  type Fault,
} from '../../src/emulator/index.js';
import { createServer } from '../../src/server/create-server.js';
import { wireDeps } from '../../src/server/deps.js';
import { signShopee } from '../../src/platforms/shopee/sign.js';
import { makeWorkspace } from '../helpers/fixtures.js';
import { fastRetries } from '../helpers/harness.js';

// The built entry point (`npm test` builds first).
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

interface Keys {
  partnerKey: string;
  accessToken: string;
  apiKey: string;
}

const RIGHT: Keys = {
  partnerKey: DEFAULT_SHOPEE_PARTNER.partnerKey,
  accessToken: DEFAULT_SHOPEE_SHOP.accessToken,
  apiKey: DEFAULT_TRACEPASS_API_KEY,
};
const WRONG: Keys = {
  partnerKey: 'shpk-wrong-partner-key-1234',
  accessToken: 'wrong-shop-access-token-5678',
  apiKey: 'tp_wrong_api_key_9012',
};

function envFor(emulator: Emulator, keys: Keys): Record<string, string> {
  return {
    ...emulator.env,
    SHOPEE_PARTNER_KEY: keys.partnerKey,
    SHOPEE_SHOP_ID: String(DEFAULT_SHOPEE_SHOP.shopId),
    SHOPEE_ACCESS_TOKEN: keys.accessToken,
    TRACEPASS_API_KEY: keys.apiKey,
    UPLOAD_TIMEOUT_MS: '400',
  };
}

/** Faults on every path an error takes, one of them an upstream that echoes the credentials back. */
function faults(keys: Keys): Fault[][] {
  return [
    [{ platform: 'shopee', kind: 'status-5xx' }],
    [{ platform: 'shopee', kind: 'drop-before-store' }],
    [{ platform: 'shopee', kind: 'slow', delayMs: 3_000 }],
    [{ platform: 'shopee', kind: 'html-502' }],
    [{ platform: 'shopee', kind: 'malformed-json' }],
    [{ platform: 'shopee', kind: 'partial-failure', failIndices: [1] }],
    [
      {
        platform: 'shopee',
        kind: 'shopee-error',
        error: 'error_auth',
        message: `Invalid access_token ${keys.accessToken} for partner key ${keys.partnerKey}`,
      },
    ],
    [{ platform: 'tracepass', method: 'POST', kind: 'drop-after-store' }],
    [{ platform: 'tracepass', method: 'POST', kind: 'status-5xx' }],
    [{ platform: 'tracepass', method: 'POST', kind: 'rate-limit' }],
    [{ platform: 'tracepass', method: 'DELETE', kind: 'drop-before-store' }],
  ];
}

/** Runs every fault through the tools, writing down each result, error and log notification. */
async function drive(client: Client, emulator: Emulator, keys: Keys, seen: string[]): Promise<void> {
  client.setNotificationHandler('notifications/message', (n) => void seen.push(JSON.stringify(n)));
  await client.setLoggingLevel('debug');
  const call = async (name: string, args: Record<string, unknown>) => {
    try {
      seen.push(JSON.stringify(await client.callTool({ name, arguments: args })));
    } catch (error) {
      seen.push(String((error as Error).stack));
    }
  };
  for (const group of faults(keys)) {
    for (const fault of group) emulator.inject(fault);
    const [fault] = group;
    if (fault?.platform === 'shopee') await call('shopee_upload_images', { paths: ['a.png', 'b.jpg'] });
    else if (fault?.method === 'DELETE') {
      await call('tracepass_delete_image', { product_id: DEMO_PRODUCT_ID, index: 0 });
    } else
      await call('tracepass_upload_image', {
        product_id: DEMO_PRODUCT_ID,
        path: 'a.png',
        allow_duplicate: true,
      });
  }
}

/** The signature of every Shopee request the emulator saw, recomputed from its logged timestamp. */
function signsSeen(emulator: Emulator, keys: Keys): string[] {
  return emulator.requests
    .filter((r) => r.platform === 'shopee' && r.query.timestamp !== undefined)
    .map((r) =>
      signShopee({
        partnerId: DEFAULT_SHOPEE_PARTNER.partnerId,
        path: r.path,
        timestamp: Number(r.query.timestamp),
        partnerKey: keys.partnerKey,
        shop: { accessToken: keys.accessToken, shopId: DEFAULT_SHOPEE_SHOP.shopId },
      }),
    );
}

type Connect = (env: Record<string, string>, root: string, seen: string[]) => Promise<Client>;

/** The real server in this process, its log lines collected. */
const inMemory: Connect = async (env, root, seen) => {
  const deps = wireDeps({
    // Every line reaches `seen` through the sink; stderr is the stdio session's to check.
    env: { LOG_LEVEL: 'emergency', ...env },
    roots: [root],
    sinks: [(level, message, data) => seen.push(`${level}: ${message} ${JSON.stringify(data)}`)],
    retryPolicy: fastRetries,
  });
  const client = new Client({ name: 'secrets', version: '1' });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await Promise.all([createServer(deps).connect(b), client.connect(a)]);
  return client;
};

/** The built server as a client launches it, with debug logging to its stderr, collected. */
const overStdio: Connect = async (env, root, seen) => {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, root],
    env: { ...env, PATH: process.env.PATH ?? '', LOG_LEVEL: 'debug' },
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk: Buffer) => seen.push(chunk.toString()));
  const client = new Client({ name: 'secrets-stdio', version: '1' });
  await client.connect(transport);
  return client;
};

/** One session through every fault; returns the signatures it sent. */
async function session(keys: Keys, connect: Connect, seen: string[]): Promise<string[]> {
  const emulator = await startEmulator();
  const ws = makeWorkspace();
  try {
    ws.png('a.png');
    ws.jpeg('b.jpg');
    const client = await connect(envFor(emulator, keys), ws.root, seen);
    await drive(client, emulator, keys, seen);
    await client.close();
    return signsSeen(emulator, keys);
  } finally {
    await emulator.close();
    ws.cleanup();
  }
}

describe('secrets', () => {
  it('never appear in any result, error, log line, log notification or stderr, faults and wrong keys included', async () => {
    const seen: string[] = [];
    const signs = (
      await Promise.all([
        session(RIGHT, inMemory, seen),
        session(WRONG, inMemory, seen),
        session(RIGHT, overStdio, seen),
        session(WRONG, overStdio, seen),
      ])
    ).flat();
    const everything = seen.join('\n');

    // The sessions did go through the paths that carry secrets, so the search below means something.
    expect(signs.length).toBeGreaterThan(30);
    for (const said of [
      'error_sign',
      'error_auth',
      'did not answer within 0.4 s',
      'HTML',
      'HTTP 401',
      'HTTP 429',
      'retrying',
      'Invalid access_token [redacted] for partner key [redacted]',
      '[catalog-upload-mcp] debug: POST 127.0.0.1',
      '"level":"debug"',
    ]) {
      expect(everything).toContain(said);
    }
    for (const secret of [...Object.values(RIGHT), ...Object.values(WRONG), ...signs]) {
      expect(everything).not.toContain(secret);
    }
  });
});
