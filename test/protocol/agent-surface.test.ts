import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// What an agent reads before its first call, measured on the wire from the built server.
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

interface Tool {
  name: string;
  description: string;
  inputSchema: { properties: Record<string, unknown> };
  outputSchema: { properties: Record<string, unknown> };
}

/** The raw JSON-RPC lines the server answers `initialize` and `tools/list` with. */
async function handshake(): Promise<{ initialize: string; toolsList: string }> {
  const child = spawn(process.execPath, [CLI], {
    stdio: ['pipe', 'pipe', 'ignore'],
    env: { PATH: process.env.PATH ?? '' },
  });
  const answers = new Map<number, string>();
  const done = new Promise<void>((resolve) =>
    createInterface({ input: child.stdout }).on('line', (line) => {
      const id = (JSON.parse(line) as { id?: number }).id;
      if (id !== undefined) answers.set(id, line);
      if (answers.size === 2) resolve();
    }),
  );
  const send = (message: object) => child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
  send({
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
  });
  send({ method: 'notifications/initialized' });
  send({ id: 2, method: 'tools/list' });
  await done;
  child.kill();
  return { initialize: answers.get(1) ?? '', toolsList: answers.get(2) ?? '' };
}

describe('what an agent reads', () => {
  it('keeps the whole tools/list answer under 6,000 bytes of JSON, with every limit and dry_run stated', async () => {
    const { initialize, toolsList } = await handshake();
    expect(Buffer.byteLength(toolsList)).toBeLessThan(6_000);

    const { tools } = (JSON.parse(toolsList) as { result: { tools: Tool[] } }).result;
    const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
    expect(byName.shopee_upload_images?.description).toMatch(/1–8 .*JPEG\/PNG .*≤ 10 MB.*image_id.*dry_run/);
    expect(byName.tracepass_upload_image?.description).toMatch(
      /PNG\/JPEG\/WebP .*≤ 5 MB.*20 images.*retry.*dry_run/,
    );
    expect(byName.tracepass_delete_image?.description).toMatch(/zero-based index.*expected_url.*dry_run/);
    for (const tool of tools) {
      expect(tool.inputSchema.properties.dry_run, tool.name).toMatchObject({ type: 'boolean' });
      expect(Object.keys(tool.outputSchema.properties), tool.name).toEqual(
        expect.arrayContaining(['dry_run', 'would_send']),
      );
    }

    const { result } = JSON.parse(initialize) as {
      result: { capabilities: Record<string, unknown>; instructions: string };
    };
    expect(result.capabilities.logging).toEqual({});
    for (const word of [
      'shopee_upload_images',
      'tracepass_upload_image',
      'tracepass_delete_image',
      'image_id',
      'expected_url',
      'dry_run',
    ]) {
      expect(result.instructions).toContain(word);
    }
    expect(result.instructions.split('\n').length).toBeLessThanOrEqual(8);
  });
});
