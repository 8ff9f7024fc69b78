import { statSync } from 'node:fs';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeWorkspace, type Workspace } from '../helpers/fixtures.js';
import { connectHttp, getWithToken } from '../helpers/http-clients.js';
import { startReplica, type Replica } from '../helpers/http-replica.js';
import { parseSamples, sampleValue, type Sample } from '../helpers/prometheus.js';

// /metrics counts what the tools did, measured in one place around every handler and upstream answer.

const TOKEN = 'metrics-token';
const P = 'catalog_upload_mcp_';
// Multipart framing around a file: boundary lines and part headers, well under this.
const FRAMING_MAX = 1_024;

describe('HTTP mode: /metrics', () => {
  let emulator: Emulator;
  let ws: Workspace;
  let replica: Replica;
  let legacy: Client;
  let modern: Client;
  const scrape = async (): Promise<Sample[]> =>
    parseSamples(await (await getWithToken(`${replica.url}/metrics`, TOKEN)).text());

  beforeAll(async () => {
    emulator = await startEmulator();
    ws = makeWorkspace();
    replica = await startReplica({ ...emulator.env, MCP_HTTP_TOKENS: TOKEN }, [ws.root]);
    [legacy, modern] = await Promise.all([
      connectHttp(replica.url, '2025-11-25', TOKEN),
      connectHttp(replica.url, '2026-07-28', TOKEN),
    ]);
  });
  afterAll(async () => {
    await legacy?.close();
    await modern?.close();
    await replica?.stop();
    await emulator?.close();
    ws?.cleanup();
  });

  it('counts calls by tool and outcome, failures by kind, latency and bytes uploaded', async () => {
    const png = ws.png('one.png', 20_000);
    const product = emulator.addProduct().id;
    const upload = (path: string, product_id = product) =>
      legacy.callTool({ name: 'tracepass_upload_image', arguments: { product_id, path } });
    expect((await upload('one.png')).isError).toBeFalsy();
    expect((await upload(ws.png('out.png', undefined, ws.outside))).isError).toBe(true); // refusal
    expect((await upload('one.png', 'f'.repeat(24))).isError).toBe(true); // unknown product: 404
    ws.jpeg('a.jpg', 30_000);
    const shopee = (paths: string[]) =>
      modern.callTool({ name: 'shopee_upload_images', arguments: { paths } });
    expect((await shopee(['a.jpg'])).isError).toBeFalsy();
    emulator.inject({ platform: 'shopee', kind: 'partial-failure', failIndices: [0] });
    expect((await shopee(['a.jpg'])).isError).toBe(true); // Shopee answered, took nothing

    const samples = await scrape();
    const value = (name: string, labels: Record<string, string>) =>
      sampleValue(samples, `${P}${name}`, labels);
    const tp = { tool: 'tracepass_upload_image' };
    const sp = { tool: 'shopee_upload_images' };
    expect(value('tool_calls_total', { ...tp, outcome: 'ok' })).toBe(1);
    expect(value('tool_calls_total', { ...tp, outcome: 'error' })).toBe(2);
    expect(value('tool_failures_total', { ...tp, kind: 'refusal' })).toBe(1);
    expect(value('tool_failures_total', { ...tp, kind: 'http' })).toBe(1);
    expect(value('tool_calls_total', { ...sp, outcome: 'ok' })).toBe(1);
    expect(value('tool_failures_total', { ...sp, kind: 'rejected' })).toBe(1);
    expect(value('tool_call_duration_seconds_count', { ...tp, outcome: 'ok' })).toBe(1);
    expect(value('tool_call_duration_seconds_bucket', { ...tp, outcome: 'error', le: '+Inf' })).toBe(2);
    expect(value('upstream_answers_total', { platform: 'TracePass', method: 'GET', status: '404' })).toBe(1);
    // The one TracePass upload the platform took: the file and its multipart framing.
    const sent = value('uploaded_bytes_total', { platform: 'TracePass' }) ?? 0;
    expect(sent).toBeGreaterThan(statSync(png).size);
    expect(sent).toBeLessThan(statSync(png).size + FRAMING_MAX);
    expect(value('process_resident_memory_bytes', {})).toBeGreaterThan(0);
  });

  it('releases every per-request server: none left open after 1,000 requests in both eras', async () => {
    for (let i = 0; i < 500; i += 1) {
      await Promise.all([legacy.listTools(), modern.listTools()]);
    }
    const samples = await scrape();
    expect(sampleValue(samples, `${P}mcp_servers_open`)).toBe(0);
  }, 180_000);
});
