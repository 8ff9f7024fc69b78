import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** The memory figures need Linux's /proc. */
export const hasProc = existsSync('/proc/self/status');

/** A memory figure of a live process from /proc/<pid>/status, in bytes (the file says kB: KiB). */
export function statusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
  if (!match) throw new Error(`/proc/${pid}/status has no ${field} line`);
  return Number(match[1]) * 1024;
}

/**
 * Resets the process's peak RSS (VmHWM) to its current RSS (`echo 5 > /proc/<pid>/clear_refs`, Linux
 * 4.0+), so the peak of each batch is measured on its own. False where that is not permitted.
 */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Clock ticks per second in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_S = 100;

function statFields(pid: number | 'self'): string[] {
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

const ticksToMs = (...ticks: (string | undefined)[]) =>
  (ticks.reduce((sum, t) => sum + Number(t), 0) * 1000) / TICKS_PER_S;

/** CPU time (user + system, all threads) a live process has used, in ms; 10 ms resolution. */
export function cpuMs(pid: number): number {
  const fields = statFields(pid);
  return ticksToMs(fields[11], fields[12]);
}

/** CPU time used by this process's finished (reaped) children, in ms; 10 ms resolution. */
export function childrenCpuMs(): number {
  const fields = statFields('self');
  return ticksToMs(fields[13], fields[14]);
}
