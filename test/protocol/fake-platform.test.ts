import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runChecks } from '../../src/cli/doctor/index.js';
import { helpText } from '../../src/cli/help.js';
import { read, type Env } from '../../src/config/env.js';
import { finding, settle } from '../../src/config/finding.js';
import { PLATFORMS } from '../../src/platforms/index.js';
import { definePlatform, type ClientDeps } from '../../src/platforms/platform.js';
import { createServer } from '../../src/server/create-server.js';
import { wireDeps } from '../../src/server/deps.js';

const TOKEN = 'acme-secret-token/with+chars';

/** A third platform, defined the way a real one is: a folder's worth of descriptor, nothing else touched. */
interface AcmeConfig {
  token: string;
  baseUrl: string;
}
const acme = definePlatform({
  id: 'acme',
  service: { label: 'Acme', addressVariables: 'ACME_BASE_URL' },
  variables: [
    { name: 'ACME_TOKEN', help: 'Acme API token', secret: true },
    { name: 'ACME_BASE_URL', help: 'where Acme answers' },
  ],
  readConfig(env: Env) {
    const token = read(env, 'ACME_TOKEN');
    const baseUrl = read(env, 'ACME_BASE_URL') ?? 'http://127.0.0.1:9';
    const rows = [
      token
        ? finding('Acme token', 'ok', 'set')
        : finding('Acme token', 'warn', 'not set', 'set ACME_TOKEN.'),
    ];
    return settle(
      rows,
      token !== undefined,
      () => ({ token: token!, baseUrl }),
      'Acme is not configured: set ACME_TOKEN.',
    );
  },
  createClient: async ({ config, service, transport }: ClientDeps<AcmeConfig>) => ({
    ping: async () =>
      (await transport({ service, method: 'GET', url: new URL(`${config.baseUrl}/ping`) })).text,
  }),
  tools: [
    (server, ctx) =>
      server.registerTool(
        'acme_ping',
        { description: 'Ping Acme', inputSchema: z.object({}), outputSchema: z.object({ said: z.string() }) },
        async () => {
          const said = await (await ctx.client()).ping();
          return { content: [{ type: 'text', text: said }], structuredContent: { said } };
        },
      ),
  ],
  liveCheck: async (client) =>
    finding('Acme API', 'ok', `answered ${(await client.ping()).length} characters`),
  retryPolicies: {},
});
const platforms = [...PLATFORMS, acme];

let upstream: Server | undefined;
afterEach(() => upstream?.close());

/** An upstream that echoes the token back in every form a careless API might: raw, URL-encoded, JSON. */
async function echoingUpstream(): Promise<string> {
  upstream = createHttpServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ warning: `your token ${TOKEN}`, url: `/x?t=${encodeURIComponent(TOKEN)}` }));
  });
  await new Promise<void>((resolve) => upstream!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
}

describe('a third platform registered with one line', () => {
  it('has its tool listed and called, its secret redacted from results and logs', async () => {
    const env = { LOG_LEVEL: 'emergency', ACME_TOKEN: TOKEN, ACME_BASE_URL: await echoingUpstream() };
    const lines: string[] = [];
    const deps = wireDeps({
      env,
      roots: [],
      platforms,
      sinks: [(l, m, d) => lines.push(`${l} ${m} ${JSON.stringify(d)}`)],
    });
    const client = new Client({ name: 'fake-platform', version: '1' });
    const [a, b] = InMemoryTransport.createLinkedPair();
    await Promise.all([createServer(deps).connect(b), client.connect(a)]);

    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('acme_ping');
    const result = await client.callTool({ name: 'acme_ping', arguments: {} });
    const text = JSON.stringify(result);
    expect(text).toContain('your token [redacted]');
    expect(text).toContain('/x?t=[redacted]');
    deps.logger.log('warning', `a line that mentions ${TOKEN} and ${encodeURIComponent(TOKEN)}`);
    const everything = [text, ...lines].join('\n');
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(encodeURIComponent(TOKEN));
    expect(lines.at(-1)).toContain('a line that mentions [redacted] and [redacted]');
    await client.close();
  });

  it('has its rows and its live check in doctor, and its variables in --help', async () => {
    const env = { ACME_TOKEN: TOKEN, ACME_BASE_URL: await echoingUpstream() };
    const rows = await runChecks({ env, folders: [], platforms });
    expect(rows).toContainEqual({ check: 'Acme token', status: 'ok', detail: 'set' });
    expect(rows).toContainEqual({
      check: 'Acme API',
      status: 'ok',
      detail: expect.stringMatching(/^answered \d+ characters$/),
    });
    expect(JSON.stringify(rows)).not.toContain(TOKEN);
    expect(helpText('1.0.0', platforms)).toMatch(/^ {2}ACME_TOKEN +Acme API token$/m);
  });

  it('refuses its tool with its own "not configured" text when its variables are unset', async () => {
    const deps = wireDeps({ env: { LOG_LEVEL: 'emergency' }, roots: [], platforms });
    const client = new Client({ name: 'fake-platform', version: '1' });
    const [a, b] = InMemoryTransport.createLinkedPair();
    await Promise.all([createServer(deps).connect(b), client.connect(a)]);
    const result = await client.callTool({ name: 'acme_ping', arguments: {} });
    expect(result).toMatchObject({
      isError: true,
      content: [{ type: 'text', text: 'Acme is not configured: set ACME_TOKEN.' }],
    });
    const rows = await runChecks({ env: {}, folders: [], platforms });
    expect(rows.find((r) => r.check === 'Platforms')?.detail).toBe(
      'none of Shopee, TracePass, Acme is configured: every tool call would be refused',
    );
    await client.close();
  });
});
