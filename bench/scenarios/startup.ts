import { spawn } from 'node:child_process';
import { rawStartUp } from '../raw-client.js';
import { ms, spread, times, type BenchContext, type Row, type ScenarioResult } from '../report.js';
import { openSession, type Launch } from '../session.js';
import { interleave, summarize, timed, type Summary } from '../stats.js';

const TARGET = 1.1;

/**
 * Process spawn to a completed `initialize` and `tools/list` through the SDK client, as an MCP client
 * launching the server sees it. The two phases are kept apart for the details.
 */
async function sdkStartUp(launch: Launch, toolCount: number, phases: { init: number[]; list: number[] }) {
  const started = performance.now();
  const session = await openSession(launch);
  try {
    const initialized = performance.now();
    const { tools } = await session.client.listTools();
    const listed = performance.now();
    if (tools.length !== toolCount) throw new Error(`expected ${toolCount} tool(s), got ${tools.length}`);
    phases.init.push(initialized - started);
    phases.list.push(listed - initialized);
    return listed - started;
  } finally {
    await session.close();
  }
}

async function bareStartUp(launch: Launch, toolCount: number): Promise<number> {
  const { ms: took, tools } = await rawStartUp(launch);
  if (tools !== toolCount) throw new Error(`expected ${toolCount} tool(s), got ${tools}`);
  return took;
}

/** Node itself: spawn to exit of an empty script, the floor under both servers. */
function bareNode(): Promise<number> {
  return timed(
    () =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
        child.on('error', reject);
        child.on('close', () => resolve());
      }),
  );
}

function row(measure: string, ours: Summary, minimal: Summary): Row {
  const ratio = ours.median / minimal.median;
  return {
    measure,
    ours: spread(ours),
    baseline: `minimal SDK server: ${spread(minimal)}`,
    ratio: times(ratio),
    target: `≤ ${times(TARGET)}`,
    met: ratio <= TARGET,
  };
}

export async function startUpTime(ctx: BenchContext): Promise<ScenarioResult> {
  const newPhases = () => ({ init: [] as number[], list: [] as number[] });
  const phases = { ours: newPhases(), minimal: newPhases() };
  const samples = await interleave(ctx.runs, {
    ours: () => sdkStartUp(ctx.server, 3, phases.ours),
    minimal: () => sdkStartUp(ctx.minimal, 1, phases.minimal),
    oursBare: () => bareStartUp(ctx.server, 3),
    minimalBare: () => bareStartUp(ctx.minimal, 1),
    node: bareNode,
  });
  ctx.progress(`start-up: done (${ctx.runs} rounds)`);
  const median = (values: number[]) => ms(summarize(values).median);
  const node = summarize(samples.node);
  const minimalBare = summarize(samples.minimalBare);
  return {
    rows: [
      row(
        'Start-up: spawn → initialize + tools/list (SDK client)',
        summarize(samples.ours),
        summarize(samples.minimal),
      ),
      row('… the same, bare JSON-RPC client (server time only)', summarize(samples.oursBare), minimalBare),
    ],
    details: [
      `Start-up: through the SDK client, spawn → initialize took ${median(phases.ours.init)} ` +
        `(minimal ${median(phases.minimal.init)}) and tools/list ${median(phases.ours.list)} ` +
        `(minimal ${median(phases.minimal.list)}); the client's tools/list includes compiling a validator for each ` +
        `output schema, which the minimal server's one tool does not declare. Node alone (spawn to exit of an ` +
        `empty script) takes ${ms(node.median)}, the minimal server ${ms(minimalBare.median - node.median)} more.`,
    ],
  };
}
