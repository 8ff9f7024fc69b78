/** One line of the doctor's report. Checks are data: a list of these, rendered and counted. */
export type Status = 'ok' | 'warn' | 'fail' | 'skip';

export interface Row {
  check: string;
  status: Status;
  /** What was found. Never a secret: keys are described by their length only. */
  detail: string;
  /** What to do about it; every `fail` and `warn` row has one. */
  fix?: string;
}

export const row = (check: string, status: Status, detail: string, fix?: string): Row =>
  fix === undefined ? { check, status, detail } : { check, status, detail, fix };

/** A secret, described without showing any of it. */
export const described = (secret: string): string => `set (${secret.length} characters)`;
