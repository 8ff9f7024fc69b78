import { ms, spread, times, type BenchContext, type Row, type ScenarioResult } from '../report.js';
import { openSession, type Session } from '../session.js';
import { interleave, summarize, timed } from '../stats.js';

const CALLS = 16;
/** Each call makes two requests (read the product, post the image). */
const REQUESTS_PER_CALL = 2;

/**
 * 16 `tracepass_upload_image` calls (50 KB, one fresh product each) sent at once in one session: the total
 * time, next to the slowest of the same calls made one at a time. 1.00× means they fully overlap; 16 calls
 * handled one after another would approach the sum of them. Run once on bare loopback, where all the work is
 * CPU on a shared machine, and once with `latencyMs` added by the emulator to every request, where the
 * waiting, as on a real network, is what overlaps.
 */
async function concurrent(
  ctx: BenchContext,
  session: Session,
  latencyMs: number,
): Promise<{ row: Row; detail: string }> {
  const { emulator } = ctx;
  const upload = (productId: string) =>
    timed(() => session.call('tracepass_upload_image', { product_id: productId, path: ctx.fixtures.small }));
  const prepare = () => {
    if (latencyMs > 0)
      emulator.inject({
        platform: 'tracepass',
        kind: 'slow',
        delayMs: latencyMs,
        times: CALLS * REQUESTS_PER_CALL,
      });
    return Array.from({ length: CALLS }, () => emulator.addProduct().id);
  };
  const sums: number[] = [];
  const connectionsBefore = emulator.connections;

  const samples = await interleave(ctx.runs, {
    together: () => {
      const ids = prepare();
      return timed(() => Promise.all(ids.map(upload)));
    },
    alone: async (round) => {
      const each: number[] = [];
      for (const id of prepare()) each.push(await upload(id));
      if (round >= 0) sums.push(each.reduce((a, b) => a + b, 0));
      return Math.max(...each);
    },
  });
  const together = summarize(samples.together);
  const alone = summarize(samples.alone);
  const sequential = summarize(sums);
  const label = latencyMs > 0 ? `, ${latencyMs} ms added per request` : ', loopback';
  return {
    row: {
      measure: `Concurrency: ${CALLS} calls at once${label}`,
      ours: `all ${CALLS}: ${spread(together)}`,
      baseline: `slowest call alone: ${spread(alone)}`,
      ratio: times(together.median / alone.median),
      target: '—',
    },
    detail:
      `Concurrency${label}: the same ${CALLS} calls one after another take ${ms(sequential.median)} in all; ` +
      `at once, ${ms(together.median)} (${times(sequential.median / together.median)} faster); the server opened ` +
      `${emulator.connections - connectionsBefore} connections over ${(ctx.runs + 1) * 2 * CALLS} calls (up to ${CALLS} at once; ` +
      `the emulator, like any Node http server, closes a connection after 5 s idle).`,
  };
}

export async function concurrency(ctx: BenchContext): Promise<ScenarioResult> {
  const session = await openSession(ctx.server);
  try {
    const loopback = await concurrent(ctx, session, 0);
    const latency = await concurrent(ctx, session, 50);
    ctx.progress(`concurrency: done (${ctx.runs} rounds each)`);
    return { rows: [loopback.row, latency.row], details: [loopback.detail, latency.detail] };
  } finally {
    await session.close();
  }
}
