import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { nginxConfig } from './nginx-config.js';

export const NGINX = '/usr/sbin/nginx';

/**
 * Why the nginx suites cannot run here, or undefined when they can. Under CI a missing nginx is an
 * error (.ci/run installs it); on a developer's machine those suites skip and say what to install.
 */
export function nginxMissing(): string | undefined {
  if (existsSync(NGINX)) return undefined;
  const reason = `${NGINX} not found: apt-get install nginx`;
  if (process.env.CI === 'true') throw new Error(`${reason} (CI must run the load-balancer tests)`);
  console.warn(`Skipping the load-balancer tests: ${reason}`);
  return reason;
}

export interface RunningNginx {
  port: number;
  url: string;
  /** nginx's own error log, for a failing test to show. */
  errorLog(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // SIGQUIT is nginx's graceful stop; SIGKILL if it hangs.
  child.kill('SIGQUIT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** One start on `port`; undefined when the port was taken meanwhile (the caller picks another). */
async function launch(dir: string, port: number, upstreamPorts: readonly number[]) {
  const errorLog = join(dir, 'error.log');
  const conf = join(dir, 'nginx.conf');
  const upstreams = upstreamPorts.map((p) => `127.0.0.1:${p}`);
  writeFileSync(conf, nginxConfig({ listen: `127.0.0.1:${port}`, upstreams, tempDir: dir, errorLog }));
  rmSync(errorLog, { force: true });
  const args = ['-p', dir, '-e', errorLog, '-c', conf, '-g', `daemon off; pid ${dir}/nginx.pid;`];
  const child = spawn(NGINX, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const log = () => (existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : '') + stderr;
  for (let i = 0; i < 100 && child.exitCode === null; i++) {
    if (await accepts(port)) return { child, log };
    await sleep(50);
  }
  await stopProcess(child);
  if (/Address already in use/.test(log())) return undefined;
  throw new Error(`nginx did not start on 127.0.0.1:${port}:\n${log()}`);
}

/**
 * Starts Debian's nginx in the foreground on a free loopback port, balancing round-robin over the
 * given loopback ports with the shipped configuration (test/helpers/nginx-config.ts). Everything it
 * writes (config, pid, logs, temporary files) stays in a temporary folder that stop() removes.
 */
export async function startNginx(upstreamPorts: readonly number[]): Promise<RunningNginx> {
  const dir = mkdtempSync(join(tmpdir(), 'cum-nginx-'));
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      const started = await launch(dir, port, upstreamPorts);
      if (!started) continue;
      const stop = async () => {
        await stopProcess(started.child);
        rmSync(dir, { recursive: true, force: true });
      };
      return { port, url: `http://127.0.0.1:${port}`, errorLog: started.log, stop };
    }
    throw new Error('nginx found no free loopback port in 3 tries');
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
