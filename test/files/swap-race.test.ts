import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { buffer } from 'node:stream/consumers';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AllowedRoots, FileRefusal, createFileAccess } from '../../src/files/index.js';
import { makePng, padTo } from '../../src/samples/images.js';
import { makeWorkspace, type Workspace } from '../helpers/fixtures.js';
import { SHOPEE_RULE as RULE } from './helpers/access.js';

const EXCHANGE_LOOP = fileURLToPath(new URL('./helpers/exchange-loop.py', import.meta.url));
// Bounded both ways: on main, a run this long read the outside file dozens of times; it stays a few
// seconds of one core.
const MAX_TRIES = 3_000;
const MAX_MS = 4_000;

let ws: Workspace;
let swapper: ChildProcess | undefined;
beforeEach(() => {
  ws = makeWorkspace();
});
afterEach(() => {
  swapper?.kill('SIGKILL');
  swapper = undefined;
  ws.cleanup();
});

/** The same-sized image inside (root/swap/x.png) and outside (outside/dir/x.png), told apart by a marker. */
function plant(): { inside: Buffer; outside: Buffer } {
  const image = (marker: string) => Buffer.concat([padTo(makePng(), 10_000), Buffer.from(marker)]);
  const inside = image('INSIDE-');
  const outside = image('OUTSIDE');
  mkdirSync(join(ws.root, 'swap'));
  mkdirSync(join(ws.outside, 'dir'));
  ws.file('x.png', inside, join(ws.root, 'swap'));
  ws.file('x.png', outside, join(ws.outside, 'dir'));
  symlinkSync(join(ws.outside, 'dir'), join(ws.root, 'swaplink'));
  return { inside, outside };
}

/** Starts swapping root/swap with the link to the outside folder; resolves once the loop runs. */
async function startSwapping(): Promise<void> {
  const args = [EXCHANGE_LOOP, join(ws.root, 'swap'), join(ws.root, 'swaplink'), String(MAX_MS / 1000 + 5)];
  swapper = spawn('python3', args, { stdio: ['ignore', 'pipe', 'inherit'] });
  for await (const line of createInterface({ input: swapper.stdout! })) if (line === 'ready') return;
  throw new Error('the swap loop did not start (it needs python3 and renameat2)');
}

describe.runIf(process.platform === 'linux')('a folder swapped for a link while files are opened', () => {
  it('never reads a byte of the outside file: each open gives the inside bytes or a refusal', async () => {
    const expected = plant();
    const files = createFileAccess(new AllowedRoots([ws.root]));
    await startSwapping();
    const seen = { inside: 0, outside: 0, other: 0, refused: 0 };
    const deadline = Date.now() + MAX_MS;
    for (let i = 0; i < MAX_TRIES && Date.now() < deadline; i++) {
      try {
        const [image] = await files.openImages(['swap/x.png'], RULE);
        const bytes = await buffer(image!.stream());
        await image!.close();
        if (bytes.equals(expected.inside)) seen.inside += 1;
        else if (bytes.equals(expected.outside)) seen.outside += 1;
        else seen.other += 1;
      } catch (error) {
        if (!(error instanceof FileRefusal)) throw error;
        seen.refused += 1;
      }
    }
    expect(seen).toMatchObject({ outside: 0, other: 0 });
    // Both states were met, so the swap really raced the opens.
    expect(seen.inside).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });
});
