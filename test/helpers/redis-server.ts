import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';

const INSTALL = 'apt-get install redis-server (Debian package redis-server)';
const READY = /Ready to accept connections/;
const START_ATTEMPTS = 3;

/** A real redis-server on a free loopback port, with no persistence, in its own temp dir. */
export interface RedisServer {
  /** redis://:password@127.0.0.1:port — the server requires the password. */
  url: string;
  password: string;
  port: number;
  stop(): Promise<void>;
}

export function findRedisServer(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/sbin'];
  for (const dir of dirs.filter(Boolean)) {
    const candidate = join(dir, 'redis-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

export async function startRedisServer(binary: string): Promise<RedisServer> {
  let lastError: unknown;
  // Another process can take the free port between probing it and redis binding it: try again.
  for (let attempt = 0; attempt < START_ATTEMPTS; attempt += 1) {
    try {
      return await startOnce(binary, await freePort());
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/**
 * Describes a suite that needs Redis, with the server started before it and stopped after. Without
 * redis-server the suite is skipped and says what to install; under CI (CI=true) it fails instead,
 * so a CI machine missing the package cannot pass by skipping.
 */
export function describeWithRedis(name: string, body: (redis: () => RedisServer) => void): void {
  const binary = findRedisServer();
  if (!binary) {
    if (process.env.CI === 'true') {
      describe(name, () => {
        it('has redis-server installed', () => {
          throw new Error(`redis-server is not installed, and CI must run the Redis suites: ${INSTALL}`);
        });
      });
    } else {
      console.warn(`Skipping "${name}": redis-server is not installed. To run it: ${INSTALL}`);
      describe.skip(name, () => body(() => undefined as never));
    }
    return;
  }
  describe(name, () => {
    let server: RedisServer | undefined;
    beforeAll(async () => {
      server = await startRedisServer(binary);
    });
    afterAll(async () => server?.stop());
    body(() => {
      if (!server) throw new Error('redis-server did not start');
      return server;
    });
  });
}

async function startOnce(binary: string, port: number): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'cum-redis-'));
  const password = `pw-${process.pid}-${port}`;
  const child = spawn(
    binary,
    // A password, so tests prove the ledger authenticates and keeps the password out of its location.
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir].concat([
      '--requirepass',
      password,
    ]),
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.setEncoding('utf8');
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  try {
    await ready(child);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `redis://:${password}@127.0.0.1:${port}`,
    password,
    port,
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
    child.stdout?.on('data', (chunk: string) => {
      output += chunk;
      if (READY.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}):\n${output}`));
    });
  });
}
