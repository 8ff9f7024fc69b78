import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Era } from './eras.js';
import { cpuMs, hasProc } from './proc.js';
import type { Launch } from './session.js';

export interface RawStartUp {
  ms: number;
  /** CPU time (all threads) the server had used when it answered; NaN without /proc. */
  cpuMs: number;
  tools: number;
}

const CLIENT_INFO = { name: 'catalog-upload-bench-raw', version: '1.0.0' };

/** 2026-07-28 has no handshake state: every request carries the client's version and identity. */
const ENVELOPE = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': CLIENT_INFO,
  'io.modelcontextprotocol/clientCapabilities': {},
};

/** The messages that open a connection (id 1), then those sent once it is answered, ending in tools/list (id 2). */
const SCRIPTS: Record<Era['revision'], { open: object; then: object[] }> = {
  '2025-11-25': {
    open: {
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: CLIENT_INFO },
    },
    then: [{ method: 'notifications/initialized' }, { id: 2, method: 'tools/list' }],
  },
  '2026-07-28': {
    open: { id: 1, method: 'server/discover', params: { _meta: ENVELOPE } },
    then: [{ id: 2, method: 'tools/list', params: { _meta: ENVELOPE } }],
  },
};

/**
 * Spawn to the opening exchange + `tools/list` answered, speaking the stdio transport (one JSON-RPC
 * message per line) directly: the server's own start-up, without the work an SDK client does with the
 * answers (or, in 2026-07-28, its probe on a separate process).
 */
export function rawStartUp(launch: Launch, era: Era): Promise<RawStartUp> {
  const script = SCRIPTS[era.revision];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [launch.script, ...launch.args], {
      env: launch.env,
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const send = (message: object) =>
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
    let answer: RawStartUp | undefined;
    child.on('error', reject);
    child.on('exit', () =>
      answer
        ? resolve(answer)
        : reject(new Error(`${launch.script} exited before answering (${era.revision})`)),
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      const message = JSON.parse(line) as { id?: number; result?: { tools?: unknown[] } };
      if (message.id === 1) {
        for (const next of script.then) send(next);
      } else if (message.id === 2) {
        const took = performance.now() - started;
        const cpu = hasProc && child.pid !== undefined ? cpuMs(child.pid) : Number.NaN;
        answer = { ms: took, cpuMs: cpu, tools: message.result?.tools?.length ?? 0 };
        child.kill();
      }
    });
    send(script.open);
  });
}
