import { linkSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openImage } from '../../src/files/open.js';
import { SHOPEE_RULE as RULE, useWorkspace } from './helpers/access.js';

const CYCLES = 200;
const context = useWorkspace();

/** Descriptors this process holds on files of the workspace, from the kernel's own list. */
function openInWorkspace(): string[] {
  const { base } = context.ws;
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return target.startsWith(base) ? [target] : [];
    } catch {
      return []; // the descriptor readdir itself used, closed by now
    }
  });
}

const refused = (work: Promise<unknown>) =>
  work.then(
    () => {
      throw new Error('expected a refusal');
    },
    () => undefined,
  );

describe.runIf(process.platform === 'linux')('file descriptors', () => {
  it('are all released after many opens, streams, cancellations and refusals', async () => {
    const { ws, files } = context;
    const big = ws.jpeg('big.jpg', 3 * 1024 * 1024);
    const small = ws.png('small.png');
    const text = ws.file('text.png', 'not an image');
    linkSync(ws.png('linked.png'), join(ws.root, 'second-name.png'));
    const realRoots = await files.roots.realRoots();

    for (let i = 0; i < CYCLES; i++) {
      const [image, other] = await files.openImages([big, small], RULE);
      if (i === 0) expect(openInWorkspace()).toHaveLength(2); // the count sees what is open
      // Cancelled after the first chunk, as an aborted upload does.
      const stream = image!.stream();
      await new Promise((resolve) => stream.once('data', resolve));
      stream.destroy();
      // Closed while its stream is still reading, as a cancelled call closes its files.
      const reading = other!.stream().on('error', () => undefined);
      reading.resume();
      await Promise.all([image!.close(), other!.close()]);
      reading.destroy();

      await refused(files.openImages([small, text], RULE)); // one good file, refused with the batch
      await refused(files.openImages([join(ws.root, 'linked.png')], RULE));
      await refused(openImage('small.png', small, RULE, realRoots, async () => undefined));
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(openInWorkspace()).toEqual([]);
  });
});
