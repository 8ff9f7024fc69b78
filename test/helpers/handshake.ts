import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Handshake {
  serverInfo: { name: string; version: string };
  tools: string[];
  /** Every line the server wrote to stdout; each one has been checked to be a JSON-RPC message. */
  stdout: string[];
  stderr: string;
}

interface Message {
  jsonrpc?: unknown;
  id?: unknown;
  result?: { serverInfo?: Handshake['serverInfo']; tools?: { name: string }[] };
  error?: unknown;
}

/** What a 2025-era client sends first: `initialize` (id 1), `initialized`, then `tools/list` (id 2). */
export function handshakeMessages(client: string): object[] {
  return [
    {
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: client, version: '0' } },
    },
    { method: 'notifications/initialized' },
    { id: 2, method: 'tools/list' },
  ];
}

/**
 * Starts `command` as an MCP client would (stdio, nothing else), sends `initialize`, `initialized` and
 * `tools/list` line by line, and stops it once `tools/list` is answered. Rejects when anything on stdout
 * is not a JSON-RPC message, when the server exits first, or after `timeoutMs`.
 */
export function handshake(
  command: string,
  args: readonly string[],
  options: { env?: Record<string, string | undefined>; cwd?: string; timeoutMs?: number } = {},
): Promise<Handshake> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const send = (message: object) => child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
  const where = `${command} ${args.join(' ')}`;

  const answered = new Promise<Handshake>((resolve, reject) => {
    const fail = (why: string) =>
      reject(new Error(`${where}: ${why}\nstdout: ${stdout.join('\n')}\nstderr: ${stderr}`));
    const timer = setTimeout(() => fail('no tools/list answer in time'), options.timeoutMs ?? 20_000);
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code) => fail(`exited (${code}) before answering tools/list`));
    let serverInfo: Handshake['serverInfo'] | undefined;
    createInterface({ input: child.stdout }).on('line', (line) => {
      stdout.push(line);
      let message: Message;
      try {
        message = JSON.parse(line) as Message;
      } catch {
        return fail(`wrote a line that is not JSON to stdout: ${line}`);
      }
      if (message.jsonrpc !== '2.0') return fail(`wrote a non-JSON-RPC message: ${line}`);
      if (message.error !== undefined) return fail(`answered an error: ${line}`);
      if (message.id === 1) serverInfo = message.result?.serverInfo;
      if (message.id !== 2) return;
      clearTimeout(timer);
      const tools = (message.result?.tools ?? []).map((tool) => tool.name);
      if (serverInfo === undefined) return fail('answered tools/list before initialize');
      resolve({ serverInfo, tools, stdout, stderr });
    });
  });

  for (const message of handshakeMessages('handshake')) send(message);
  const exited = new Promise((resolve) => {
    child.once('exit', resolve);
    child.once('error', resolve); // a command that cannot start never exits
  });
  return answered
    .finally(async () => {
      child.kill();
      await exited;
    })
    .then((result) => ({ ...result, stderr }));
}
