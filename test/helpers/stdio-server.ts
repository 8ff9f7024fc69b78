import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { CLI } from './raw-stdio.js';

/** The built server as an MCP client launches it, with an SDK client connected over stdio. */
export interface StdioServer {
  client: Client;
  pid: number;
  stderr(): string;
  close(): Promise<void>;
}

export async function startStdioServer(env: Record<string, string>, roots: string[]): Promise<StdioServer> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, ...roots],
    env: { PATH: process.env.PATH ?? '', ...env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'stdio-test', version: '1.0.0' });
  await client.connect(transport);
  const pid = transport.pid;
  if (pid === null) throw new Error('the server process did not start');
  return { client, pid, stderr: () => stderr, close: () => client.close() };
}

/** A process's resident memory now and at its peak (Linux: VmRSS and VmHWM), in bytes. */
export function residentMemory(pid: number): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) * 1024;
  return { now: kib('VmRSS'), peak: kib('VmHWM') };
}

/** Where each of a process's open file descriptors points (files, sockets, pipes). */
export function openDescriptors(pid: number): string[] {
  return readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/${pid}/fd/${fd}`)];
    } catch {
      return []; // closed between the listing and the read
    }
  });
}
