import { spawn } from 'node:child_process';
import { ERAS, eraLabel, type Era } from '../eras.js';
import { rawStartUp } from '../raw-client.js';
import { ms, spread, times, type BenchContext, type Row, type ScenarioResult } from '../report.js';
import { openSession, type Launch } from '../session.js';
import { interleave, summarize, timed, type Summary } from '../stats.js';

const TARGET = 1.1;

interface Phases {
  connect: number[];
  list: number[];
  /** Server CPU time to the answer, from the bare client's runs. */
  cpu: number[];
}

/**
 * Process spawn to the first `tools/list` answer through the SDK client, as an MCP client launching the
 * server sees it. Connecting (initialize, or the 2026-07-28 discover probe) and listing are kept apart
 * for the details.
 */
async function sdkStartUp(launch: Launch, era: Era, toolCount: number, phases: Phases) {
  const started = performance.now();
  const session = await openSession(launch, era.client);
  try {
    const connected = performance.now();
    const { tools } = await session.client.listTools();
    const listed = performance.now();
    if (tools.length !== toolCount) throw new Error(`expected ${toolCount} tool(s), got ${tools.length}`);
    phases.connect.push(connected - started);
    phases.list.push(listed - connected);
    return listed - started;
  } finally {
    await session.close();
  }
}

async function bareStartUp(launch: Launch, era: Era, toolCount: number, cpu: number[]): Promise<number> {
  const { ms: took, cpuMs, tools } = await rawStartUp(launch, era);
  if (tools !== toolCount) throw new Error(`expected ${toolCount} tool(s), got ${tools}`);
  cpu.push(cpuMs);
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

function row(measure: string, ours: Summary, minimal: Summary, target = true): Row {
  const ratio = ours.median / minimal.median;
  return {
    measure,
    ours: spread(ours),
    baseline: `minimal SDK server: ${spread(minimal)}`,
    ratio: times(ratio),
    target: target ? `≤ ${times(TARGET)}` : '—',
    met: target ? ratio <= TARGET : undefined,
  };
}

type Side = 'ours' | 'minimal' | 'oursBare' | 'minimalBare';
const SIDES: Side[] = ['ours', 'minimal', 'oursBare', 'minimalBare'];
const key = (era: Era, side: Side) => `${era.revision} ${side}`;

export async function startUpTime(ctx: BenchContext): Promise<ScenarioResult> {
  const phases = new Map(ERAS.map((era) => [era, { ours: newPhases(), minimal: newPhases() }]));
  const contestants: Record<string, () => Promise<number>> = { node: bareNode };
  for (const era of ERAS) {
    const eraPhases = phases.get(era)!;
    contestants[key(era, 'ours')] = () => sdkStartUp(ctx.server, era, 3, eraPhases.ours);
    contestants[key(era, 'minimal')] = () => sdkStartUp(ctx.minimal, era, 1, eraPhases.minimal);
    contestants[key(era, 'oursBare')] = () => bareStartUp(ctx.server, era, 3, eraPhases.ours.cpu);
    contestants[key(era, 'minimalBare')] = () => bareStartUp(ctx.minimal, era, 1, eraPhases.minimal.cpu);
  }
  const samples = await interleave(ctx.runs, contestants);
  ctx.progress(`start-up: done (${ctx.runs} rounds, both eras)`);

  const median = (values: number[]) => ms(summarize(values).median);
  const node = summarize(samples.node ?? []);
  const rows: Row[] = [];
  const details: string[] = [];
  for (const era of ERAS) {
    const [ours, minimal, oursBare, minimalBare] = SIDES.map((side) =>
      summarize(samples[key(era, side)] ?? []),
    );
    const sdk = row(`Start-up, ${eraLabel(era)}: spawn → tools/list answered (SDK client)`, ours!, minimal!);
    const bare = row('… the same, bare JSON-RPC client (server time only)', oursBare!, minimalBare!);
    const { ours: p, minimal: m } = phases.get(era)!;
    // CPU time barely moves with the machine's load, which stretches every wall-clock figure above.
    const cpu = p.cpu.some(Number.isNaN)
      ? []
      : [row('… server CPU time to that answer (bare client)', summarize(p.cpu), summarize(m.cpu), false)];
    rows.push(sdk, bare, ...cpu);
    const over = [sdk, bare].filter((r) => r.met === false).length;
    ctx.progress(
      `start-up ${era.revision}: ${sdk.ratio} (SDK client), ${bare.ratio} (bare)` +
        (cpu[0] ? `, ${cpu[0].ratio} (CPU)` : '') +
        (over > 0 ? ` — OVER the ${times(TARGET)} target` : ''),
    );
    details.push(
      `Start-up, ${eraLabel(era)}: through the SDK client, spawn → connected took ${median(p.connect)} ` +
        `(minimal ${median(m.connect)}) and tools/list ${median(p.list)} (minimal ${median(m.list)})` +
        (era.opening === 'discover'
          ? `; connecting is the client's server/discover probe, run on a short-lived second server process ` +
            `(the SDK's stdio transport never spends the session's process on it), and tools/list then waits ` +
            `for the session's own process to start, so both sides start twice`
          : '') +
        '.',
    );
  }
  details.push(
    `Start-up: the client's tools/list includes compiling a validator for each output schema, which the ` +
      `minimal server's one tool does not declare. Node alone (spawn to exit of an empty script) takes ` +
      `${ms(node.median)}.`,
  );
  return { rows, details };
}

function newPhases(): Phases {
  return { connect: [], list: [], cpu: [] };
}
