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
