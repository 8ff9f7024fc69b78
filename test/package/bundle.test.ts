import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEFAULT_MANIFEST_VERSION, getMcpConfigForManifest, type McpbManifestAny } from '@anthropic-ai/mcpb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handshake } from '../helpers/handshake.js';

// The MCP Bundle a Claude Desktop user installs: made by `npm run bundle`'s script from the build that
// `npm test` has just made, validated and unpacked by the official mcpb CLI, and started the way Claude
// Desktop starts it (the mcpb package's own getMcpConfigForManifest turns the manifest and the user's
// answers into the command).
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MCPB = join(ROOT, 'node_modules', '.bin', 'mcpb');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  engines: { node: string };
  devDependencies: Record<string, string>;
};
const manifest = JSON.parse(readFileSync(join(ROOT, 'bundle', 'manifest.json'), 'utf8')) as McpbManifestAny;
const run = promisify(execFile);
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));

let work: string;
let bundle: string;
let unpacked: string;
let files: string[];
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'cum-bundle-'));
  bundle = join(work, 'catalog-upload-mcp.mcpb');
  unpacked = join(work, 'unpacked');
  await run(process.execPath, [join(ROOT, 'scripts', 'bundle.mjs'), '--out', bundle], { cwd: ROOT, env });
  await run(MCPB, ['unpack', bundle, unpacked], { env });
  files = readdirSync(unpacked, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) =>
      join(entry.parentPath, entry.name)
        .slice(unpacked.length + 1)
        .split(sep)
        .join('/'),
    );
}, 240_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the Claude Desktop bundle', () => {
  it('has a manifest the mcpb CLI validates, in the manifest version it writes by default', async () => {
    const { stdout } = await run(MCPB, ['validate', join(ROOT, 'bundle', 'manifest.json')], { env });
    expect(stdout).toContain('Manifest schema validation passes!');
    expect(manifest.manifest_version).toBe(DEFAULT_MANIFEST_VERSION);
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.server).toMatchObject({ type: 'node', entry_point: 'dist/cli.js' });
    expect(manifest.compatibility?.runtimes?.node).toBe(pkg.engines.node);
  });

  it('marks exactly the keys and tokens sensitive, and folders as several directories', () => {
    const config = manifest.user_config ?? {};
    const sensitive = Object.keys(config).filter((key) => config[key]?.sensitive === true);
    expect(sensitive.sort()).toEqual(['shopee_access_token', 'shopee_partner_key', 'tracepass_api_key']);
    expect(config.image_folders).toMatchObject({ type: 'directory', multiple: true, required: true });
    expect(Object.keys(manifest.server.mcp_config.env ?? {}).sort()).toEqual([
      'SHOPEE_ACCESS_TOKEN',
      'SHOPEE_PARTNER_ID',
      'SHOPEE_PARTNER_KEY',
      'SHOPEE_REGION',
      'SHOPEE_SHOP_ID',
      'TRACEPASS_API_KEY',
      'TRACEPASS_BASE_URL',
    ]);
  });

  it('holds the manifest, the built server and production dependencies, nothing else', () => {
    expect(files).toEqual(
      expect.arrayContaining(['manifest.json', 'dist/cli.js', 'package.json', 'LICENSE']),
    );
    expect(files).toContain('node_modules/zod/package.json');
    const devOnly = Object.keys(pkg.devDependencies).filter((name) =>
      files.includes(`node_modules/${name}/package.json`),
    );
    expect(devOnly).toEqual([]);
    const unexpected = files.filter(
      (path) =>
        !/^(manifest\.json|package\.json|README\.md|LICENSE|mcp\.json\.example)$/.test(path) &&
        !/^dist\/(?!demo\/|samples\/).+\.js$/.test(path) &&
        !path.startsWith('node_modules/'),
    );
    expect(unexpected).toEqual([]);
  });

  it('starts from the unpacked bundle as Claude Desktop would, serving the tools it lists', async () => {
    const folders = [join(work, 'photos'), join(work, 'more photos')];
    for (const folder of folders) mkdirSync(folder);
    const resolved = await getMcpConfigForManifest({
      manifest,
      extensionPath: unpacked,
      systemDirs: {},
      userConfig: { image_folders: folders, tracepass_api_key: 'tp_bundle_test_key' },
      pathSeparator: sep,
    });
    if (!resolved) throw new Error('Claude Desktop would not start the bundle with this configuration');
    expect(resolved.args).toEqual([`${unpacked}/dist/cli.js`, '--', ...folders]);
    // Every variable gets a value or its default: no unreplaced ${user_config.…} reaches the server.
    expect(JSON.stringify(resolved)).not.toContain('${');
    const answer = await handshake(resolved.command, resolved.args ?? [], {
      cwd: work,
      env: { ...resolved.env, PATH: [dirname(process.execPath), env.PATH].join(delimiter), HOME: work },
    });
    expect(answer.serverInfo).toEqual({ name: 'catalog-upload-mcp', version: pkg.version });
    expect(answer.tools.sort()).toEqual((manifest.tools ?? []).map((tool) => tool.name).sort());
    expect(answer.stderr).not.toContain('warning:');
  });

  it('is not started until the user has chosen at least one folder', async () => {
    const resolved = await getMcpConfigForManifest({
      manifest,
      extensionPath: unpacked,
      systemDirs: {},
      userConfig: { image_folders: [] },
      pathSeparator: sep,
    });
    expect(resolved).toBeUndefined();
  });
});
