import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { call, form, images, jpeg, signedParams, UPLOAD_PATH } from './helpers.js';

// The built entry (`npm test` builds first), as a person runs it in a terminal.
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

describe('emulator command usage', () => {
  it.each(['--help', '-h'])('prints its usage on stdout for %s and exits 0', async (flag) => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, 'emulator', flag], {
      timeout: 10_000,
    });
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^usage: catalog-upload-mcp emulator \[--port N\] \[--host H\]\n/);
    expect(stdout).toContain('--port N');
    expect(stdout).toContain('--host H');
  });

  it('prints a Shop-mode pair that the emulator accepts, and it refuses another token', async () => {
    const child = spawn(process.execPath, [CLI, 'emulator', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const lines: string[] = [];
      for await (const line of createInterface({ input: child.stdout })) {
        lines.push(line);
        if (line.startsWith('# Shopee + TracePass emulator on ')) break;
      }
      const env = Object.fromEntries(
        lines.flatMap((line) => [...line.matchAll(/(?:export |\s)(\w+)=(\S+)/g)].map((m) => [m[1], m[2]])),
      ) as Record<string, string>;
      const shopLine = lines.find((line) => line.startsWith('# Shopee Shop mode'));
      expect(shopLine).toMatch(/export SHOPEE_SHOP_ID=\d+ SHOPEE_ACCESS_TOKEN=\S+$/);
      const upload = (accessToken: string) => {
        const params = signedParams({
          partnerId: Number(env.SHOPEE_PARTNER_ID),
          partnerKey: env.SHOPEE_PARTNER_KEY,
          shop: { shopId: Number(env.SHOPEE_SHOP_ID), accessToken },
        });
        const { body, headers } = form(images([jpeg()]));
        return call(`${env.SHOPEE_BASE_URL}${UPLOAD_PATH}?${params}`, { method: 'POST', headers, body });
      };
      const accepted = await upload(env.SHOPEE_ACCESS_TOKEN ?? '');
      expect(accepted.status).toBe(200);
      expect(accepted.json).toMatchObject({ error: '' });
      const refused = await upload(`${env.SHOPEE_ACCESS_TOKEN}-wrong`);
      expect(refused.json).toMatchObject({ error: 'error_auth' });
    } finally {
      child.kill('SIGTERM');
    }
  });
});
