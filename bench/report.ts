import type { Emulator } from '../src/emulator/index.js';
import type { Fixtures } from './fixtures.js';
import type { Launch } from './session.js';
import type { Summary } from './stats.js';

/** What every scenario is given. */
export interface BenchContext {
  runs: number;
  emulator: Emulator;
  fixtures: Fixtures;
  /** The server under test: the built dist/cli.js with the emulator's environment. */
  server: Launch;
  /** The comparison: a minimal server on the same SDK with one trivial tool. */
  minimal: Launch;
  progress(line: string): void;
}

/** One line of the results table. */
export interface Row {
  measure: string;
  ours: string;
  baseline: string;
  ratio: string;
  target: string;
  /** Undefined where there is no target. */
  met?: boolean;
}

export interface ScenarioResult {
  rows: Row[];
  /** Figures behind the rows, printed under the table. */
  details: string[];
}

export const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;
export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
export const times = (value: number) => `${value.toFixed(2)}×`;

/** "312 ms (p90 330, min 300)" */
export function spread(summary: Summary): string {
  return `${ms(summary.median)} (p90 ${ms(summary.p90)}, min ${ms(summary.min)})`;
}
