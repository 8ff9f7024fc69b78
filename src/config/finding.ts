/** One thing found about the set-up: a line of doctor's report, read from the same code the server uses. */
export type Status = 'ok' | 'warn' | 'fail' | 'skip';

export interface Finding {
  check: string;
  status: Status;
  /** What was found. Never a secret: keys are described by their length only. */
  detail: string;
  /** What to do about it; every `fail` and `warn` finding has one. */
  fix?: string;
}

export const finding = (check: string, status: Status, detail: string, fix?: string): Finding =>
  fix === undefined ? { check, status, detail } : { check, status, detail, fix };

/** A secret, described without showing any of it. */
export const described = (secret: string): string => `set (${secret.length} characters)`;

export type Setting<T> = { ok: true; value: T } | { ok: false; problem: string };

/** What a configuration reader returns: the value the server uses, and what doctor shows about it. */
export interface ConfigReading<T> {
  setting: Setting<T>;
  findings: Finding[];
  /** True when any of the reader's variables is set: "not configured" is a choice, not a fault. */
  configured: boolean;
}

/**
 * The setting that follows from the findings: usable when none failed. The first failure is the
 * problem a tool call reports.
 */
export function settle<T>(
  findings: Finding[],
  configured: boolean,
  value: () => T,
  unset: string,
): ConfigReading<T> {
  const failed = findings.find((f) => f.status === 'fail');
  const setting: Setting<T> = !configured
    ? { ok: false, problem: unset }
    : failed
      ? { ok: false, problem: `${failed.detail}: ${failed.fix ?? 'fix it'}` }
      : { ok: true, value: value() };
  return { setting, findings, configured };
}
