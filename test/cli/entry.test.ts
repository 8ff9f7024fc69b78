import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeWorkspace, type Workspace } from '../helpers/fixtures.js';

// The built entry (`npm test` builds first), as a person runs it in a terminal.
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let emulator: Emulator;
let ws: Workspace;
beforeAll(async () => {
  emulator = await startEmulator();
  ws = makeWorkspace();
});
afterAll(async () => {
  await emulator.close();
  ws.cleanup();
});

describe('catalog-upload-mcp on the command line', () => {
  it('prints its version and exits', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('prints usage, the commands and every variable on --help', async () => {
    const { code, stdout, stderr } = await run(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^catalog-upload-mcp \d+\.\d+\.\d+: /);
    for (const word of [
      'doctor [DIR ...]',
      'SHOPEE_PARTNER_ID',
      'SHOPEE_REGION',
      'TRACEPASS_API_KEY',
      'LOG_LEVEL',
    ]) {
      expect(stdout).toContain(word);
    }
  });

  it('refuses an unknown option on stderr with exit code 2', async () => {
    const { code, stdout, stderr } = await run(['--verbose', ws.root]);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(/^Unknown option '--verbose'.*--help for usage\.\n$/);
  });

  it('doctor prints an all-green table against the emulator and exits 0', async () => {
    const { code, stdout } = await run(['doctor', ws.root], emulator.env);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^catalog-upload-mcp \S+ doctor\n/);
    expect(stdout).toMatch(/^Shopee API +ok +get_shops_by_partner accepted/m);
    expect(stdout).toMatch(/^TracePass API +ok +GET \/api\/v1\/products\?limit=1 accepted the key/m);
    expect(stdout).not.toMatch(/FAIL|WARN/);
    expect(stdout).toMatch(/All checks passed/);
  });

  it('doctor shows the failing row with its fix, and exits 1, for a wrong key', async () => {
    const { code, stdout, stderr } = await run(['doctor', ws.root], {
      ...emulator.env,
      TRACEPASS_API_KEY: 'tp_revoked_key_1234',
    });
    expect(code).toBe(1);
    // Long cells wrap onto indented lines; join them to read each row whole.
    const rows = stdout.replace(/\n {10,}/g, ' ');
    expect(rows).toMatch(
      /^TracePass API +FAIL +TracePass could not list products \(HTTP 401: "Invalid API key"\)\. fix: TracePass rejected the API key: check TRACEPASS_API_KEY/m,
    );
    expect(rows).toMatch(/^Shopee API +ok /m);
    expect(stdout).toMatch(/1 check\(s\) failed: follow each fix/);
    expect(stdout + stderr).not.toContain('tp_revoked_key_1234');
  });
});
