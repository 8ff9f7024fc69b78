import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERAS, REVISIONS, openEraSession, type EraSession } from '../helpers/eras.js';
import { TOOL_CASES } from '../helpers/tool-calls.js';

// Both protocol eras end to end: the built server over stdio, each era's SDK client, every listed tool.

describe.each(REVISIONS)('a %s client over stdio', (revision) => {
  let s: EraSession;
  beforeAll(async () => {
    s = await openEraSession(revision);
  });
  afterAll(() => s.close());

  it(`negotiates ${revision} through ${ERAS[revision].handshake}`, () => {
    expect(s.client.getProtocolEra()).toBe(ERAS[revision].era);
    expect(s.client.getNegotiatedProtocolVersion()).toBe(revision);
    // Only a modern connection has a discover result; a legacy one ran initialize.
    expect(s.client.getDiscoverResult() !== undefined).toBe(ERAS[revision].era === 'modern');
    expect(s.client.getServerVersion()).toMatchObject({ name: 'catalog-upload-mcp' });
    expect(s.client.getServerCapabilities()).toMatchObject({ tools: {} });
  });

  it('lists only tools this suite knows how to call', async () => {
    const { tools } = await s.client.listTools();
    expect(tools.length).toBeGreaterThanOrEqual(3);
    const uncovered = tools.map((tool) => tool.name).filter((name) => !Object.hasOwn(TOOL_CASES, name));
    expect(uncovered, 'add a case to test/helpers/tool-calls.ts for each new tool').toEqual([]);
  });

  it('calls every listed tool successfully, and each reaches the emulator as the contract says', async () => {
    const { tools } = await s.client.listTools();
    for (const { name } of tools) {
      const toolCase = TOOL_CASES[name];
      if (!toolCase) continue; // reported by the test above
      s.emulator.reset();
      const ctx = { emulator: s.emulator, ws: s.ws };
      const args = toolCase.arrange(ctx);
      const result = await s.call(name, args);
      expect(result.isError, `${name}: ${JSON.stringify(result.content)}\n${s.stderr()}`).toBeFalsy();
      expect(result.content.some((part) => part.type === 'text' && part.text.length > 0)).toBe(true);
      toolCase.verify(result, ctx, args);
    }
  });
});
