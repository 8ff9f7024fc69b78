import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { handshake } from '../helpers/handshake.js';
import { configLaunches, readmeForms } from './readme-forms.js';

// Every command README shows, run as a reader would run it (`npm test` has built dist/ first). The
// placeholders become real folders; `npm install -g .` goes to a temporary prefix. The npx forms, which
// fetch the package once it is published, find it there instead (test/package/install.test.ts installs
// the packed tarball, as a download would).
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  scripts: Record<string, string>;
};
// mcp.json.example is README's first snippet as a file.
const forms = [
  ...readmeForms(README),
  ...configLaunches(readFileSync(join(ROOT, 'mcp.json.example'), 'utf8')),
];
const run = promisify(execFile);
// Under `npm test`, npm_* variables describe this checkout; the nested npm must not see them.
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')),
) as Record<string, string>;

let work: string;
let images: string;
let globalPrefix: string;
let emulator: Emulator;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'cum-readme-'));
  images = join(work, 'workspace', 'images');
  mkdirSync(images, { recursive: true });
  globalPrefix = join(work, 'global');
  emulator = await startEmulator();
  // --ignore-scripts: `npm install -g .` would run `prepare`, rebuilding the dist/ that `npm test` has just
  // built while other test files run it.
  const npmOptions = ['--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'];
  for (const form of forms.filter((each) => each.kind === 'global-install')) {
    const args = [...form.args, '--prefix', globalPrefix, ...npmOptions];
    await run('npm', ['install', '-g', ...args], { cwd: ROOT, env: cleanEnv });
  }
}, 120_000);
afterAll(async () => {
  await emulator.close();
  rmSync(work, { recursive: true, force: true });
});

/** README's placeholders, as the reader replaces them. */
function real(arg: string): string {
  return arg
    .replace('/absolute/path/to/catalog-upload-mcp', ROOT.replace(/\/$/, ''))
    .replace('/absolute/path/to/product-images', images)
    .replace('C:\\Users\\you\\product-images', images)
    .replace('${workspaceFolder}', dirname(images));
}

/** PATH with the temporary global prefix's bin folder and the Node.js running the tests. */
const path = () => [join(globalPrefix, 'bin'), dirname(process.execPath), cleanEnv.PATH].join(delimiter);

describe('every command form in README', () => {
  it('is one this test knows how to run', () => {
    expect(forms.filter((form) => form.kind === 'unknown').map((form) => form.where)).toEqual([]);
    const launches = forms.filter((form) => form.kind === 'launch');
    for (const command of ['node', 'catalog-upload-mcp', 'npx']) {
      expect(launches.map((form) => form.command)).toContain(command);
    }
    expect(forms.filter((form) => form.kind === 'global-install')).not.toEqual([]);
  });

  it.each(forms.filter((form) => form.kind === 'launch').map((form) => [form.where, form] as const))(
    'starts the server and answers an MCP handshake: %s',
    async (_, form) => {
      const launch = form;
      // `cmd /c` is how Windows clients start a batch file; the rest is the command it starts.
      const [command = '', ...args] =
        launch.command === 'cmd' ? launch.args.slice(1) : [launch.command, ...launch.args];
      if (launch.command === 'cmd') expect(launch.args[0]).toBe('/c');
      // A relative `dist/cli.js` runs in the clone; everything else from an unrelated folder, as a client
      // starts it. npx looks in the temporary global prefix for the package.
      const cwd = args.some((arg) => arg.startsWith('dist/')) ? ROOT : work;
      const env = Object.fromEntries(
        Object.entries(launch.env).map(([name, value]) => [
          name,
          value.replace(/\$\{input:[\w-]+\}/, 'typed-in'),
        ]),
      );
      const answer = await handshake(command, args.map(real), {
        cwd,
        env: { ...env, PATH: path(), HOME: work, npm_config_prefix: globalPrefix },
      });
      expect(answer.serverInfo).toEqual({ name: 'catalog-upload-mcp', version: pkg.version });
      expect(answer.tools).toContain('shopee_upload_images');
      // The folder placeholder became a real folder: nothing to warn about.
      expect(answer.stderr).not.toContain('warning:');
    },
  );

  it.each(forms.filter((form) => form.kind === 'run').map((form) => [form.where, form] as const))(
    'runs against the emulator and exits 0: %s',
    async (_, form) => {
      const { command, args, env } = form;
      // README's "Against the emulator" values: the same variables, pointed at the emulator.
      for (const name of env) expect(Object.keys(emulator.env)).toContain(name);
      const { stdout } = await run(command, args.map(real), {
        cwd: work,
        env: { ...emulator.env, PATH: path() },
      });
      expect(stdout).toMatch(/All checks passed/);
    },
  );

  it.each(forms.filter((form) => form.kind === 'npm-script').map((form) => [form.where, form] as const))(
    'runs the npm script: %s',
    async (_, form) => {
      const { script } = form;
      // Its build step has just run as part of `npm test`; long-running ones are run by their own tests.
      const rest = pkg.scripts[script]?.replace(/^npm run build && /, '');
      expect(rest, script).toBe('node dist/demo/run.js');
      const { stdout } = await run(process.execPath, ['dist/demo/run.js'], {
        cwd: ROOT,
        env: { PATH: path() },
      });
      expect(stdout).toMatch(/^Server started over stdio with tools: shopee_upload_images/m);
    },
    30_000,
  );
});
