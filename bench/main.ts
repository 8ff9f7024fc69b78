import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../src/emulator/index.js';
import { makeFixtures } from './fixtures.js';
import { describeMachine, loadAverage } from './machine.js';
import type { BenchContext, ScenarioResult } from './report.js';
import { batchUpload } from './scenarios/batch.js';
import { concurrency } from './scenarios/concurrency.js';
import { perCallOverhead } from './scenarios/per-call.js';
import { startUpTime } from './scenarios/startup.js';
import { markdownTable } from './table.js';

// `npm run bench`: the built server (dist/cli.js) over stdio against the embedded emulator, side by side
// with curl and with a minimal SDK server. Progress goes to stderr; the report (markdown) to stdout.

const SCENARIOS = {
  batch: batchUpload,
  startup: startUpTime,
  'per-call': perCallOverhead,
  concurrency,
} satisfies Record<string, (ctx: BenchContext) => Promise<ScenarioResult>>;
type ScenarioName = keyof typeof SCENARIOS;
/** Rounds per N: short, noisy figures get more; 200 curl processes a round make per-call the long one. */
const ROUNDS_PER_N: Record<ScenarioName, number> = { batch: 3, startup: 3, 'per-call': 1, concurrency: 1 };
const NAMES = Object.keys(SCENARIOS) as ScenarioName[];

const USAGE =
  `usage: npm run bench [-- --runs N] [--only ${NAMES.join(',')}]\n` +
  `  N ≥ 5 (default 9): rounds per figure, ×3 for batch and start-up`;
const MIN_RUNS = 5;

function parseOptions(): { runs: number; only: ScenarioName[] } {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '9' }, only: { type: 'string', default: NAMES.join(',') } },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < MIN_RUNS) throw new Error(`--runs must be an integer ≥ ${MIN_RUNS}`);
  const only = values.only.split(',').map((name) => name.trim());
  const unknown = only.filter((name) => !(NAMES as string[]).includes(name));
  if (unknown.length > 0) throw new Error(`unknown scenario(s): ${unknown.join(', ')}`);
  return { runs, only: NAMES.filter((name) => only.includes(name)) };
}

async function main(): Promise<void> {
  const { runs, only } = parseOptions();
  // Compiled to .bench-build/bench/main.js; the repository root is two levels up.
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const machine = describeMachine();
  const fixtures = makeFixtures();
  // No sha256 of the received files: the emulator streams and discards, so it is not what is measured.
  const emulator = await startEmulator({ hashFiles: false });
  const env = { PATH: process.env.PATH ?? '', ...emulator.env };
  const ctx: BenchContext = {
    runs,
    emulator,
    fixtures,
    server: { script: join(root, 'dist', 'cli.js'), args: [fixtures.dir], env },
    minimal: { script: join(root, '.bench-build', 'bench', 'minimal-server.js'), args: [], env },
    progress: (line) => process.stderr.write(`bench: ${line}\n`),
  };
  const started = Date.now();
  const results: ScenarioResult[] = [];
  try {
    for (const name of only) {
      ctx.progress(`${name}: running`);
      results.push(await SCENARIOS[name]({ ...ctx, runs: runs * ROUNDS_PER_N[name] }));
    }
  } finally {
    await emulator.close();
    fixtures.cleanup();
  }

  const print = (line = '') => process.stdout.write(`${line}\n`);
  print(markdownTable(results.flatMap((result) => result.rows)));
  print();
  for (const detail of results.flatMap((result) => result.details)) print(`- ${detail}`);
  print();
  print(
    `Interleaved rounds after one untimed warm-up round, medians: ` +
      only.map((name) => `${name} ${runs * ROUNDS_PER_N[name]}`).join(', ') +
      `; ${((Date.now() - started) / 1000).toFixed(0)} s in all (\`npm run bench -- --runs ${runs}\`).`,
  );
  print(`Machine: ${machine}; load average at the end: ${loadAverage()}.`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : error}\n${USAGE}\n`,
  );
  process.exitCode = 1;
});
