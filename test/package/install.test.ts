import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The package as a user gets it: packed (from the build `npm test` just made), installed into an empty
// folder from the registry, and started through its bin, as `npx catalog-upload-mcp` would.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const run = promisify(execFile);
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

// Under `npm test`, npm_* variables describe this checkout; the nested npm must not see them.
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')),
);

let work: string;
let tarball: string;
let files: string[];
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'cum-pack-'));
  // --ignore-scripts: `prepare` would rebuild what `npm test` has just built.
  const { stdout } = await run(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
    cwd: ROOT,
    env: cleanEnv,
  });
  const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  if (!packed) throw new Error(`npm pack printed no result: ${stdout}`);
  tarball = join(work, packed.filename);
  files = packed.files.map((file) => file.path);
  await run(NPM, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--prefix', work, tarball], {
    cwd: work,
    env: cleanEnv,
  });
}, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed package', () => {
  it('ships only what runs: the built server and its emulator, README, LICENSE and mcp.json.example', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'LICENSE',
        'mcp.json.example',
        'dist/cli.js',
        'dist/emulator/index.js',
      ]),
    );
    const unexpected = files.filter(
      (path) =>
        !['package.json', 'README.md', 'LICENSE', 'mcp.json.example'].includes(path) &&
        !/^dist\/(?!demo\/|samples\/).+\.js$/.test(path),
    );
    expect(unexpected).toEqual([]);
  });

  it('installs into an empty folder and answers --version from its bin', async () => {
    const bin = join(
      work,
      'node_modules',
      '.bin',
      process.platform === 'win32' ? 'catalog-upload-mcp.cmd' : 'catalog-upload-mcp',
    );
    const { stdout } = await run(bin, ['--version'], { env: cleanEnv });
    expect(stdout).toBe(`${version}\n`);
  });

  it('serves initialize and tools/list over stdio from the installed bin', async () => {
    const client = new Client({ name: 'pack-test', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: join(work, 'node_modules', '.bin', 'catalog-upload-mcp'),
        args: [work],
        env: { PATH: process.env.PATH ?? '' },
        stderr: 'pipe',
      }),
    );
    try {
      expect(client.getServerVersion()).toEqual({ name: 'catalog-upload-mcp', version });
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual([
        'shopee_upload_images',
        'tracepass_upload_image',
        'tracepass_delete_image',
        'tracepass_list_images',
        'list_local_images',
      ]);
    } finally {
      await client.close();
    }
  });

  it('runs the built-in emulator from the installed bin', async () => {
    const child = spawn(
      join(work, 'node_modules', '.bin', 'catalog-upload-mcp'),
      ['emulator', '--port', '0'],
      {
        env: cleanEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const { value: first } = await lines.next();
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(first).toMatch(/^export SHOPEE_PARTNER_ID=\d+$/);
    expect(await exited).toBe(0);
  });
});
