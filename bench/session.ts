import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client } from '@modelcontextprotocol/client';
import type { CallToolResult, ClientOptions } from '@modelcontextprotocol/client';

/** A server script run with this Node, as an MCP client launches it. */
export interface Launch {
  script: string;
  args: string[];
  env: Record<string, string>;
}

/** One MCP session over stdio with a spawned server process. */
export interface Session {
  client: Client;
  pid: number;
  /** Calls a tool; an error result throws, so no failed call is ever timed as a success. */
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

const STDERR_KEPT = 4096;

/**
 * Spawns the server and opens the connection (`initialize` by default; `options` may pin another era);
 * resolves once the session is ready for calls.
 */
export async function openSession(launch: Launch, options?: ClientOptions): Promise<Session> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [launch.script, ...launch.args],
    env: launch.env,
    stderr: 'pipe',
  });
  // Keep the tail of the server's stderr, to explain a failure; reading it also keeps the pipe flowing.
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-STDERR_KEPT);
  });
  const client = new Client({ name: 'catalog-upload-bench', version: '1.0.0' }, options);
  await client.connect(transport);
  const pid = transport.pid;
  if (pid === null) throw new Error('the server process has no pid');
  return {
    client,
    pid,
    async call(name, args) {
      const result = await client.callTool({ name, arguments: args });
      if (result.isError) {
        const text = result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
        throw new Error(`${name} failed: ${text}\n${stderr}`);
      }
      return result;
    },
    close: () => client.close(),
  };
}
