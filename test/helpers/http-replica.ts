import { spawn, type ChildProcess } from 'node:child_process';
import { CLI } from './raw-stdio.js';

/** The built server (`dist/cli.js http …`) running as its own process, as an operator starts it. */
export interface Replica {
  /** `http://127.0.0.1:<port>`, as the server printed it. */
  url: string;
  port: number;
  child: ChildProcess;
  stderr(): string;
  /** Resolves when the process has exited. */
  exited: Promise<Exit>;
  /** Sends `signal` (SIGTERM by default) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

const STARTED = /serving MCP on (http:\/\/127\.0\.0\.1:(\d+))\/mcp/;
// A loaded 2-core machine can take seconds to start node and load the SDK.
const START_TIMEOUT_MS = 20_000;

/** Runs `dist/cli.js args…` with exactly `env` (plus PATH), collecting stderr. */
export function runCli(args: readonly string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => {
      process.off('exit', killOnExit);
      resolve({ code, signal, stderr });
    }),
  );
  return { child, exited, stderr: () => stderr };
}

/** Starts `http --port 0 [roots]` and resolves once it printed the address it listens on. */
export async function startReplica(
  env: Record<string, string>,
  roots: readonly string[] = [],
): Promise<Replica> {
  const run = runCli(['http', '--port', '0', ...roots], env);
  const started = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the server did not start:\n${run.stderr()}`)),
      START_TIMEOUT_MS,
    );
    run.child.stderr?.on('data', () => {
      const match = STARTED.exec(run.stderr());
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
    void run.exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code ?? signal}) before listening:\n${run.stderr()}`));
    });
  });
  return {
    url: started[1] ?? '',
    port: Number(started[2]),
    child: run.child,
    stderr: run.stderr,
    exited: run.exited,
    async stop(signal = 'SIGTERM') {
      if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill(signal);
      return run.exited;
    },
  };
}
