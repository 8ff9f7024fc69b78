import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONTRACT_ENV } from '../helpers/contract-env.js';
import { execForm, parseDockerfile } from '../helpers/dockerfile.js';
import { nginxConfig } from '../helpers/nginx-config.js';

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string | null>;
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
}

const deploy = (name: string) => new URL(`../../deploy/${name}`, import.meta.url);
const text = readFileSync(deploy('compose.yaml'), 'utf8');
const services = (parse(text) as { services: Record<string, Service> }).services;
// What the image serves: the exposed port, and the folder its command reads from (the last argument).
const runtime = parseDockerfile(readFileSync(deploy('Dockerfile'), 'utf8')).at(-1)!;
const port = runtime.instructions.find((i) => i.keyword === 'EXPOSE')!.args;
const dataDir = execForm(runtime.instructions.find((i) => i.keyword === 'CMD')!.args).at(-1);
const replicas = Object.entries(services).filter(([, s]) => s.build?.dockerfile === 'deploy/Dockerfile');

describe('deploy/compose.yaml', () => {
  it('runs two replicas of the server, built from deploy/Dockerfile at the repository root', () => {
    expect(replicas.map(([name]) => name)).toEqual(['mcp-1', 'mcp-2']);
    for (const [, replica] of replicas) {
      expect(replica.build?.context).toBe('..');
      expect(existsSync(new URL(`../../${replica.build!.dockerfile}`, import.meta.url))).toBe(true);
    }
  });

  it('shares the upload record through the redis service', () => {
    expect(services.redis?.image).toMatch(/^redis:\d/);
    expect(services.redis?.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
    for (const [, replica] of replicas) {
      expect(replica.environment?.LEDGER_URL).toBe('redis://redis:6379');
      expect(replica.depends_on?.redis).toEqual({ condition: 'service_healthy' });
    }
  });

  it('passes only variables the contract defines, and requires MCP_HTTP_TOKENS', () => {
    for (const [, replica] of replicas) {
      const names = Object.keys(replica.environment ?? {});
      expect(names.filter((n) => !(CONTRACT_ENV as readonly string[]).includes(n))).toEqual([]);
      expect(names).toEqual(
        expect.arrayContaining([
          'MCP_HTTP_TOKENS',
          'LEDGER_URL',
          'SHOPEE_PARTNER_KEY',
          'TRACEPASS_API_KEY',
          'URL_SOURCES',
        ]),
      );
      expect(replica.environment?.MCP_HTTP_TOKENS).toMatch(/^\$\{MCP_HTTP_TOKENS:\?.+\}$/);
    }
    // Interpolated anywhere in the file, too.
    const interpolated = [...text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
    expect(interpolated.filter((n) => !(CONTRACT_ENV as readonly string[]).includes(n!))).toEqual([]);
  });

  it('mounts the images read-only at /data, the folder the image serves', () => {
    expect(dataDir).toBe('/data');
    for (const [, replica] of replicas) expect(replica.volumes).toEqual([`./images:${dataDir}:ro`]);
  });

  it('puts nginx in front, on loopback, once both replicas are healthy', () => {
    const nginx = services.nginx!;
    expect(nginx.image).toMatch(/nginx/);
    expect(nginx.volumes).toEqual(['./nginx.conf:/etc/nginx/nginx.conf:ro']);
    expect(nginx.ports).toEqual(['127.0.0.1:8787:8080']);
    expect(nginx.depends_on).toEqual({
      'mcp-1': { condition: 'service_healthy' },
      'mcp-2': { condition: 'service_healthy' },
    });
  });

  it('ships the nginx configuration the load-balancer tests run, pointed at the two replicas', () => {
    const expected = nginxConfig({
      listen: '8080',
      upstreams: replicas.map(([name]) => `${name}:${port}`),
      tempDir: '/tmp',
      errorLog: '/dev/stderr',
      pid: '/tmp/nginx.pid',
    });
    expect(readFileSync(deploy('nginx.conf'), 'utf8')).toBe(expected);
  });
});
