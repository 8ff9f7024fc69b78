import { filePart, runCurl } from '../curl.js';
import { ms, spread, times, type BenchContext, type ScenarioResult } from '../report.js';
import { openSession } from '../session.js';
import { interleave, summarize, timed } from '../stats.js';

const CALLS = 100;
/** TracePass keeps at most 20 images per product, so the calls are spread over fresh products. */
const PER_PRODUCT = 20;
const TARGET = 1.5;

function expectStored(stdout: string): void {
  if (!stdout.includes('"imageUrl":"'))
    throw new Error(`curl's upload was not stored: ${stdout.slice(0, 300)}`);
}

/**
 * 100 sequential `tracepass_upload_image` calls of a 50 KB image in one session (each reads the product,
 * then posts the image), next to curl making the same two requests 100 times, one process per request as a
 * shell loop does, and, stricter, one process per call (`--next` reuses its connection for the POST).
 */
export async function perCallOverhead(ctx: BenchContext): Promise<ScenarioResult> {
  const { emulator } = ctx;
  const auth = ['-H', `Authorization: Bearer ${emulator.env.TRACEPASS_API_KEY}`];
  const image = ctx.fixtures.small;
  const productIds = () =>
    Array.from({ length: Math.ceil(CALLS / PER_PRODUCT) }, () => emulator.addProduct().id);
  const each = async (call: (productUrl: string, productId: string) => Promise<void>) => {
    const ids = productIds();
    const before = emulator.connections;
    const took = await timed(async () => {
      for (let i = 0; i < CALLS; i++) {
        const id = ids[Math.floor(i / PER_PRODUCT)] ?? '';
        await call(`${emulator.url}/api/v1/products/${id}`, id);
      }
    });
    return { took, connections: emulator.connections - before };
  };
  // Over every round, the warm-up included: the server's connections outlive a round.
  const connections = { tool: 0, curl: 0, curlNext: 0 };

  const session = await openSession(ctx.server);
  try {
    const samples = await interleave(ctx.runs, {
      tool: async () => {
        const run = await each(async (_url, id) => {
          await session.call('tracepass_upload_image', { product_id: id, path: image });
        });
        connections.tool += run.connections;
        return run.took;
      },
      curl: async () => {
        const run = await each(async (url) => {
          await runCurl([...auth, url]);
          expectStored((await runCurl([...auth, ...filePart('file', image), `${url}/images`])).stdout);
        });
        connections.curl += run.connections;
        return run.took;
      },
      curlNext: async () => {
        const run = await each(async (url) => {
          const { stdout } = await runCurl([
            ...auth,
            url,
            '--next',
            '--silent',
            '--show-error',
            ...auth,
            ...filePart('file', image),
            `${url}/images`,
          ]);
          expectStored(stdout);
        });
        connections.curlNext += run.connections;
        return run.took;
      },
    });
    ctx.progress(`per-call: done (${ctx.runs} rounds)`);

    const tool = summarize(samples.tool);
    const curl = summarize(samples.curl);
    const curlNext = summarize(samples.curlNext);
    const ratio = tool.median / curl.median;
    const perCall = (total: number) => ms(total / CALLS);
    const requests = (ctx.runs + 1) * CALLS * 2;
    return {
      rows: [
        {
          measure: `Per call: ${CALLS} × tracepass_upload_image, 50 KB (GET + POST each)`,
          ours: `${spread(tool)}; ${perCall(tool.median)}/call`,
          baseline: `curl, a process per request: ${spread(curl)}; ${perCall(curl.median)}/call`,
          ratio: times(ratio),
          target: `≤ ${times(TARGET)}`,
          met: ratio <= TARGET,
        },
        {
          measure: '… the same, against a stricter curl',
          ours: `${ms(tool.median)}`,
          baseline: `curl, a process per call (\`--next\`): ${spread(curlNext)}; ${perCall(curlNext.median)}/call`,
          ratio: times(tool.median / curlNext.median),
          target: '—',
        },
        {
          measure: `Connections: opened over all ${requests.toLocaleString('en-US')} requests of the scenario`,
          ours: `${connections.tool}`,
          baseline: `curl: ${connections.curl.toLocaleString('en-US')} (${connections.curlNext.toLocaleString('en-US')} with \`--next\`)`,
          ratio: '—',
          target: 'reused, not 1 per request',
          met: connections.tool < requests,
        },
      ],
      details: [
        `Per call: each call is a product read and an upload, as in curl's loop; curl's figure includes ` +
          `starting a process per request (per call with \`--next\`), which is how a shell loop runs it. ` +
          `The server's pool holds two connections and reopens them only when the emulator has closed them ` +
          `after 5 s idle, while the curl rounds ran.`,
      ],
    };
  } finally {
    await session.close();
  }
}
