import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { execForm, parseDockerfile, type Stage } from '../helpers/dockerfile.js';

// Docker does not run on the test machines: these read the file the way `docker build` would.
const stages = parseDockerfile(readFileSync(new URL('../../deploy/Dockerfile', import.meta.url), 'utf8'));
const runtime = stages.at(-1)!;
const all = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword);
const only = (stage: Stage, keyword: string) => {
  const found = all(stage, keyword);
  expect(found, `one ${keyword} in the ${stage.name ?? 'last'} stage`).toHaveLength(1);
  return found[0]!.args;
};

describe('deploy/Dockerfile', () => {
  it('builds in one stage and runs from another, on Node 20', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.base).toMatch(/^node:20[-.\w]*$/);
    const build = stages.find((s) => all(s, 'RUN').some((r) => /\bnpm ci\b/.test(r.args)))!;
    expect(build).not.toBe(runtime);
    expect(
      all(runtime, 'RUN').some((r) => /\bnpm (ci|install)\b/.test(r.args) && !/--omit=dev/.test(r.args)),
    ).toBe(false);
  });

  it('ships only production dependencies and the built code into the runtime stage', () => {
    const build = stages.find((s) => s.name === 'build')!;
    expect(
      all(build, 'RUN')
        .map((r) => r.args)
        .join('\n'),
    ).toMatch(/npm prune --omit=dev/);
    const copies = all(runtime, 'COPY').map((c) => c.args);
    expect(copies).toContain('--from=build /app/node_modules ./node_modules');
    expect(copies).toContain('--from=build /app/dist ./dist');
    expect(copies.every((c) => c.startsWith('--from=build '))).toBe(true);
  });

  it('runs as a non-root user, set before the command', () => {
    const user = only(runtime, 'USER');
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    const keywords = runtime.instructions.map((i) => i.keyword);
    expect(keywords.indexOf('USER')).toBeLessThan(keywords.indexOf('CMD'));
    expect(keywords.slice(keywords.indexOf('USER')).filter((k) => k === 'USER')).toHaveLength(1);
  });

  it('serves HTTP mode on the exposed port, on all interfaces, for /data', () => {
    expect(only(runtime, 'EXPOSE')).toBe('8787');
    expect(execForm(only(runtime, 'CMD'))).toEqual([
      'node',
      'dist/cli.js',
      'http',
      '--host',
      '0.0.0.0',
      '--port',
      '8787',
      '/data',
    ]);
  });

  it('checks health on /healthz of that port with node (the slim image has no curl)', () => {
    const check = only(runtime, 'HEALTHCHECK');
    expect(check).toMatch(/^(--\S+ )*CMD \[/);
    const [node, flag, script] = execForm(check);
    expect([node, flag]).toEqual(['node', '-e']);
    expect(script).toContain("'http://127.0.0.1:8787/healthz'");
  });

  // The check's own script, run against a stand-in on a free port: healthy, failing, and down.
  it.each([
    [200, 0],
    [503, 1],
    [undefined, 1],
  ])(
    'exits with the code Docker reads as healthy only for a 200 (answer %s: exit %i)',
    async (status, code) => {
      const script = execForm(only(runtime, 'HEALTHCHECK'))[2]!;
      const server = createServer((req, res) => res.writeHead(req.url === '/healthz' ? status! : 404).end());
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      if (status === undefined) await new Promise((resolve) => server.close(resolve));
      const run = promisify(execFile)(process.execPath, ['-e', script.replace(':8787/', `:${port}/`)]);
      const exit = await run.then(
        () => 0,
        (error: { code: number }) => error.code,
      );
      server.close();
      expect(exit).toBe(code);
    },
  );
});
