import { createHash } from 'node:crypto';
import { createReadStream, readdirSync, readlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { Agent, type Dispatcher } from 'undici';
import type { Emulator, RecordedRequest } from '../../src/emulator/index.js';

export interface RecordingAgent {
  dispatcher: Dispatcher;
  /** Every URL sent, query string and all. */
  urls: URL[];
  /** The Content-Length of every request that had a body. */
  bodyLengths: number[];
  close(): Promise<void>;
}

/** An undici Agent that remembers what it sent. */
export function recordingAgent(): RecordingAgent {
  const agent = new Agent();
  const urls: URL[] = [];
  const bodyLengths: number[] = [];
  const dispatcher = agent.compose((dispatch) => (options, handler) => {
    urls.push(new URL(options.path, options.origin));
    const length = (options.headers as Record<string, string> | undefined)?.['content-length'];
    if (length !== undefined) bodyLengths.push(Number(length));
    return dispatch(options, handler);
  });
  return { dispatcher, urls, bodyLengths, close: () => agent.close() };
}

/** `METHOD path status` for every request the emulator saw, in order. */
export function requestLines(emulator: Emulator, method?: string): string[] {
  return emulator.requests
    .filter((r) => method === undefined || r.method === method)
    .map((r) => `${r.method} ${r.path} ${r.status}`);
}

/** The status (or 'dropped') of every request the emulator saw, in order. */
export function statuses(emulator: Emulator): RecordedRequest['status'][] {
  return emulator.requests.map((r) => r.status);
}

export function requestsOf(emulator: Emulator, method: string): RecordedRequest[] {
  return emulator.requests.filter((r) => r.method === method);
}

/** How many of this process's open file descriptors point at `path`. */
export function descriptorsOn(path: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false; // closed between the listing and the read
    }
  }).length;
}

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A PNG header, `marker` (so every file's bytes differ), then zeros up to `size`: sparse on disk, so
 * multi-megabyte files cost the test neither memory nor disk.
 */
export function sparsePng(path: string, size: number, marker: string): string {
  writeFileSync(path, Buffer.concat([PNG_MAGIC, Buffer.from(marker)]));
  truncateSync(path, size);
  return path;
}

export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A clock that moves one second on every reading, so each signed attempt gets its own timestamp. */
export function tickingClock(): () => number {
  let tick = 0;
  return () => Date.now() + 1_000 * tick++;
}
