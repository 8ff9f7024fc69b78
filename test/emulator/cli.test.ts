import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO_PRODUCT_ID } from '../../src/emulator/index.js';
import { bearer, call } from './helpers.js';

// The built entry (`npm test` builds first), run as `npm run emulator` runs it.
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

describe('emulator CLI', () => {
  it('prints the environment, serves it, and exits cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI, 'emulator', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    const lines: string[] = [];
    for await (const line of createInterface({ input: child.stdout })) {
      lines.push(line);
      if (!line.startsWith('export ') && !line.includes('product id')) break;
    }
    const env: Record<string, string> = {};
    for (const line of lines) {
      const [, name, value] = /^export (\w+)=(.*)$/.exec(line) ?? [];
      if (name !== undefined && value !== undefined) env[name] = value;
    }
    expect(Object.keys(env)).toEqual([
      'SHOPEE_PARTNER_ID',
      'SHOPEE_PARTNER_KEY',
      'SHOPEE_BASE_URL',
      'TRACEPASS_API_KEY',
      'TRACEPASS_BASE_URL',
    ]);
    expect(lines).toContain(`# TracePass demo product id: ${DEMO_PRODUCT_ID}`);
    const answer = await call(`${env.TRACEPASS_BASE_URL}/api/v1/products/${DEMO_PRODUCT_ID}`, {
      headers: bearer(env.TRACEPASS_API_KEY),
    });
    expect(answer.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses a bad --port with a usage line and exit code 1', async () => {
    const child = spawn(process.execPath, [CLI, 'emulator', '--port', 'eighty'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    expect(code).toBe(1);
    expect(stderr).toContain('--port must be an integer');
    expect(stderr).toContain('usage:');
  });
});
