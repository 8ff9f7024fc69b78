import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Launch } from './session.js';

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'catalog-upload-bench-raw', version: '1.0.0' },
  },
};
const INITIALIZED = { jsonrpc: '2.0', method: 'notifications/initialized' };
const LIST_TOOLS = { jsonrpc: '2.0', id: 2, method: 'tools/list' };

/**
 * Spawn to `initialize` + `tools/list` answered, speaking the stdio transport (one JSON-RPC message per
 * line) directly: the server's own start-up, without the work an SDK client does with the answers.
 */
export function rawStartUp(launch: Launch): Promise<{ ms: number; tools: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [launch.script, ...launch.args], {
      env: launch.env,
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
    let answer: { ms: number; tools: number } | undefined;
    child.on('error', reject);
    child.on('exit', () =>
      answer ? resolve(answer) : reject(new Error(`${launch.script} exited before answering`)),
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      const message = JSON.parse(line) as { id?: number; result?: { tools?: unknown[] } };
      if (message.id === 1) {
        send(INITIALIZED);
        send(LIST_TOOLS);
      } else if (message.id === 2) {
        answer = { ms: performance.now() - started, tools: message.result?.tools?.length ?? 0 };
        child.kill();
      }
    });
    send(INITIALIZE);
  });
}
