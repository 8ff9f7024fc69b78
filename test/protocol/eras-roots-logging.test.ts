import { join } from 'node:path';
import { LOG_LEVEL_META_KEY } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEraSession, type EraSession, type Revision } from '../helpers/eras.js';
import { textOf } from '../helpers/harness.js';
import { requestLines } from '../helpers/observe.js';

// Roots and logging notifications: deprecated in 2026-07-28, kept for 2025-era connections (contract).

/** One session per era whose client shares one more folder, `ws.outside`, holding `away.png`. */
function sessionWithClientRoot(revision: Revision): { s: () => EraSession; away: () => string } {
  let s: EraSession | undefined;
  beforeAll(async () => {
    s = await openEraSession(revision, { clientRoots: (ws) => [ws.outside] });
    s.ws.png('away.png', undefined, s.ws.outside);
    s.ws.png('a.png');
  });
  afterAll(() => s?.close());
  return { s: () => s!, away: () => join(s!.ws.outside, 'away.png') };
}

const upload = (s: EraSession, path: string) => s.call('shopee_upload_images', { paths: [path] });

describe('a 2025-11-25 client over stdio', () => {
  const session = sessionWithClientRoot('2025-11-25');

  it('shares a folder through roots/list, and a file only that root admits is uploaded', async () => {
    const [s, path] = [session.s(), session.away()];
    s.emulator.reset();
    const result = await upload(s, path);
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ images: [{ path, image_id: expect.any(String) }] });
    expect(requestLines(s.emulator)).toEqual(['POST /api/v2/media_space/upload_image 200']);
    expect(s.emulator.requests[0]?.parts.map((part) => part.filename)).toEqual(['away.png']);
  });

  it('gets logging notifications only after logging/setLevel, from that level up, without secrets', async () => {
    const s = session.s();
    expect((await upload(s, 'a.png')).isError).toBeFalsy();
    expect(s.messages).toEqual([]);

    await s.client.setLoggingLevel('debug');
    expect((await upload(s, 'a.png')).isError).toBeFalsy();
    const debug = s.messages.filter((m) => m.level === 'debug');
    expect(debug.map((m) => JSON.stringify(m.data)).join('\n')).toMatch(/upload_image/);
    expect(s.messages.every((m) => m.logger === 'catalog-upload-mcp')).toBe(true);
    expect(JSON.stringify(s.messages)).not.toContain(s.emulator.env.SHOPEE_PARTNER_KEY);

    await s.client.setLoggingLevel('warning');
    s.messages.length = 0;
    expect((await upload(s, 'a.png')).isError).toBeFalsy();
    expect(s.messages.filter((m) => m.level === 'debug' || m.level === 'info')).toEqual([]);
  });
});

describe('a 2026-07-28 client over stdio', () => {
  const session = sessionWithClientRoot('2026-07-28');

  it('has no roots channel: a file only its roots would admit is refused and nothing is sent', async () => {
    const [s, path] = [session.s(), session.away()];
    const result = await upload(s, path);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/outside/);
    expect(s.emulator.requests).toEqual([]);
  });

  // MCP logging is deprecated in 2026-07-28 and the contract keeps it for 2025-era connections only: the
  // server's log sink opens with `logging/setLevel`, which this era does not have, so a request's
  // `_meta` log level gets no notifications; diagnostics stay on stderr.
  it('gets no logging notifications, even for a request that carries a log level in _meta', async () => {
    const s = session.s();
    const result = await s.client.callTool({
      name: 'shopee_upload_images',
      arguments: { paths: ['a.png'] },
      _meta: { [LOG_LEVEL_META_KEY]: 'debug' },
    });
    expect(result.isError).toBeFalsy();
    expect(s.messages).toEqual([]);
  });
});
