import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function curlVersion(): string {
  try {
    return execFileSync('curl', ['--version'], { encoding: 'utf8' }).split(' ').slice(0, 2).join(' ');
  } catch {
    return 'curl not found';
  }
}

/** The SDK's version, from its package.json (found by walking up: the package does not export it). */
function sdkVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.resolve('@modelcontextprotocol/server')));
  for (; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === '@modelcontextprotocol/server') return pkg.version ?? 'unknown';
  }
  return 'unknown';
}

/** The 1, 5 and 15 minute load averages: how busy the machine was. */
export const loadAverage = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');

/** What the figures were measured on, for the report. */
export function describeMachine(): string {
  const cpu = cpus();
  return [
    `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, ${osType()} ${release()}`,
    `Node ${process.version}, ${curlVersion()}, @modelcontextprotocol/server ${sdkVersion()}`,
    `load average at the start: ${loadAverage()}`,
  ].join('; ');
}
