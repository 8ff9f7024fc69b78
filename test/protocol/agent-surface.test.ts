import { describe, expect, it } from 'vitest';
import { rawSession } from '../helpers/raw-stdio.js';

// What an agent reads before its first call, measured on the wire from the built server.

interface Tool {
  name: string;
  description: string;
  inputSchema: { properties: Record<string, unknown> };
  outputSchema: { properties: Record<string, unknown> };
  annotations?: { readOnlyHint?: boolean };
}

/** The raw JSON-RPC lines the server answers `initialize` and `tools/list` with. */
async function handshake(): Promise<{ initialize: string; toolsList: string }> {
  const session = rawSession([], { PATH: process.env.PATH ?? '' });
  session.handshake();
  const [initialize, toolsList] = await Promise.all([session.answer(1), session.answer(2)]);
  session.close();
  return { initialize, toolsList };
}

describe('what an agent reads', () => {
  it('keeps the whole tools/list answer under 11,000 bytes of JSON, with every limit and dry_run stated', async () => {
    const { initialize, toolsList } = await handshake();
    // Five tools, two of them with image preparation inputs and the `prepared` output.
    expect(Buffer.byteLength(toolsList)).toBeLessThan(11_000);

    const { tools } = (JSON.parse(toolsList) as { result: { tools: Tool[] } }).result;
    const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
    expect(byName.shopee_upload_images?.description).toMatch(/1–8 .*JPEG\/PNG .*≤ 10 MB.*image_id.*dry_run/);
    expect(byName.tracepass_upload_image?.description).toMatch(
      /PNG\/JPEG\/WebP .*≤ 5 MB.*20 images.*retry.*dry_run/,
    );
    expect(byName.tracepass_delete_image?.description).toMatch(/zero-based index.*expected_url.*dry_run/);
    // Read-only tools (the listings) change nothing: there is nothing for a dry run to hold back.
    for (const tool of tools.filter((t) => t.annotations?.readOnlyHint !== true)) {
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
