import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeWorkspace, type Workspace } from '../helpers/fixtures.js';
import { connectHttp, HTTP_ERAS, HTTP_REVISIONS } from '../helpers/http-clients.js';
import { startReplica, type Replica } from '../helpers/http-replica.js';
import { TOOL_CASES } from '../helpers/tool-calls.js';

// Both protocol eras over Streamable HTTP against the built server: every listed tool, as on stdio.

const TOKEN = 'tools-suite-token';

describe('HTTP mode: the same tools as on stdio, in both eras', () => {
  let emulator: Emulator;
  let ws: Workspace;
  let replica: Replica;

  beforeAll(async () => {
    emulator = await startEmulator();
    ws = makeWorkspace();
    const env = { ...emulator.env, MCP_HTTP_TOKENS: TOKEN, CATALOG_UPLOAD_STATE_DIR: join(ws.base, 'state') };
    replica = await startReplica(env, [ws.root]);
  });
  afterAll(async () => {
    await replica?.stop();
    await emulator?.close();
    ws?.cleanup();
  });

  describe.each(HTTP_REVISIONS)('a %s client', (revision) => {
    let client: Client;
    beforeAll(async () => {
      client = await connectHttp(replica.url, revision, TOKEN);
    });
    afterAll(() => client?.close());

    it(`negotiates the ${HTTP_ERAS[revision].era} era`, () => {
      expect(client.getProtocolEra()).toBe(HTTP_ERAS[revision].era);
      expect(client.getNegotiatedProtocolVersion()).toBe(revision);
      expect(client.getServerVersion()).toMatchObject({ name: 'catalog-upload-mcp' });
    });

    it('lists only tools this suite knows how to call', async () => {
      const { tools } = await client.listTools();
      expect(tools.length).toBeGreaterThanOrEqual(4);
      const uncovered = tools.map((tool) => tool.name).filter((name) => !Object.hasOwn(TOOL_CASES, name));
      expect(uncovered, 'add a case to test/helpers/tool-calls.ts for each new tool').toEqual([]);
    });

    it('calls every listed tool successfully, and each reaches the emulator as the contract says', async () => {
      const { tools } = await client.listTools();
      for (const { name } of tools) {
        const toolCase = TOOL_CASES[name];
        if (!toolCase) continue; // reported by the test above
        emulator.reset();
        const ctx = { emulator, ws };
        const args = toolCase.arrange(ctx);
        const result = await client.callTool({ name, arguments: args });
        expect(result.isError, `${name}: ${JSON.stringify(result.content)}\n${replica.stderr()}`).toBeFalsy();
        expect(result.content.some((part) => part.type === 'text' && part.text.length > 0)).toBe(true);
        toolCase.verify(result, ctx, args);
      }
    });

    it('refuses a file outside the server-side folders with the same error as on stdio', async () => {
      const outside = ws.png('elsewhere.png', undefined, ws.outside);
      emulator.reset();
      const result = await client.callTool({
        name: 'tracepass_upload_image',
        arguments: { product_id: emulator.addProduct().id, path: outside },
      });
      expect(result.isError).toBe(true);
      expect(result.content).toEqual([
        { type: 'text', text: expect.stringMatching(/^Cannot use ".*elsewhere\.png": .*allowed folders/) },
      ]);
      expect(emulator.requests).toEqual([]);
    });
  });
});
