// `npm run bundle`: builds catalog-upload-mcp.mcpb, the MCP Bundle that Claude Desktop installs in one
// click. The bundle holds what the npm package ships (`npm pack`, so the `files` list decides), the
// manifest from bundle/, and production dependencies only; the official mcpb CLI validates and packs it.
// Usage: node scripts/bundle.mjs [--out FILE]   (run `npm run build` first; `npm run bundle` does)
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = resolve(values.out ?? join(ROOT, 'catalog-upload-mcp.mcpb'));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// npm_* variables describe the `npm run` that started us; the nested npm must see the staged folder.
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
const npm = (args, cwd) =>
  execFileSync(NPM, args, { cwd, env, encoding: 'utf8', shell: process.platform === 'win32' });

/** The CLI that `npx mcpb` would run, from the devDependency, so the version is the locked one. */
function mcpb(args) {
  const dir = join(ROOT, 'node_modules', '@anthropic-ai', 'mcpb');
  const { bin } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  execFileSync(process.execPath, [join(dir, typeof bin === 'string' ? bin : bin.mcpb), ...args], {
    stdio: 'inherit',
  });
}

const stage = mkdtempSync(join(tmpdir(), 'catalog-upload-mcp-bundle-'));
try {
  // --ignore-scripts: `prepare` would build again; dist/ is already built.
  const [packed] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', stage], ROOT));
  execFileSync('tar', ['-xzf', join(stage, packed.filename), '-C', stage]);
  const dir = join(stage, 'package');
  copyFileSync(join(ROOT, 'bundle', 'manifest.json'), join(dir, 'manifest.json'));
  // The lockfile pins the same dependency versions as the checkout; mcpb pack leaves it out of the zip.
  copyFileSync(join(ROOT, 'package-lock.json'), join(dir, 'package-lock.json'));
  npm(['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], dir);
  mcpb(['pack', dir, out]);
  process.stderr.write(`\nWrote ${out}: open it with Claude Desktop to install.\n`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
