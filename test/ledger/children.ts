import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./ledger-child.mjs', import.meta.url));
const BUILT = fileURLToPath(new URL('../../dist/ledger/index.js', import.meta.url));

export interface Child {
  /** Resolves when the child prints `line`. */
  printed(line: string): Promise<void>;
  /** Resolves with the child's JSON result once it exits 0; rejects with its stderr otherwise. */
  result<T>(): Promise<T>;
  kill(): void;
}

/** Runs test/ledger/ledger-child.mjs as its own Node process against the built ledger. */
export function startChild(job: Record<string, unknown>): Child {
  if (!existsSync(BUILT)) throw new Error('dist/ledger is missing: run `npm run build` first');
  const child = spawn(process.execPath, [SCRIPT, JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: Array<() => void> = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    printed: (line) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (stdout.split('\n').includes(line)) resolve();
          else if (child.exitCode !== null) reject(new Error(`child exited before "${line}": ${stderr}`));
          else waiters.push(check);
        };
        void exited.then(() => waiters.length > 0 && check());
        check();
      }),
    async result<T>() {
      const code = await exited;
      if (code !== 0) throw new Error(`child exited with ${code}: ${stderr}`);
      return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as T;
    },
    kill: () => child.kill('SIGKILL'),
  };
}
