import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanJpeg } from '../../src/images/containers/jpeg.js';
import { scanPng } from '../../src/images/containers/png.js';
import { scanWebp } from '../../src/images/containers/webp.js';
import { inspectSource } from '../../src/images/inspect.js';
import { ImageStructureError } from '../../src/images/refusal.js';
import { bufferSource, type ByteSource } from '../../src/images/source.js';
import { planStripSource, type Plan, type StripResult } from '../../src/images/strip.js';
import { CONTAINERS, makeImage, type Container } from './helpers.js';

const SCANNERS: Record<Container, (source: ByteSource) => Promise<unknown>> = {
  jpeg: scanJpeg,
  png: scanPng,
  webp: scanWebp,
};

/** The plan applied to bytes in memory, checking every piece stays inside the file. */
function apply(plan: Plan, file: Uint8Array): Uint8Array {
  const out = new Uint8Array(plan.bytes);
  let at = 0;
  for (const piece of plan.pieces) {
    if (piece.kind === 'file')
      expect(0 <= piece.start && piece.start < piece.end && piece.end <= file.length).toBe(true);
    const bytes = piece.kind === 'bytes' ? piece.data : file.subarray(piece.start, piece.end);
    out.set(bytes, at);
    at += bytes.length;
  }
  expect(at).toBe(plan.bytes);
  return out;
}

/** Truncations, overwritten runs and inserted runs of a valid file: where parsers meet damage. */
const damaged = (valid: Uint8Array) =>
  fc.oneof(
    fc.integer({ min: 0, max: valid.length - 1 }).map((end) => valid.slice(0, end)),
    fc
      .tuple(fc.integer({ min: 0, max: valid.length - 1 }), fc.uint8Array({ minLength: 1, maxLength: 8 }))
      .map(([at, bytes]) => {
        const copy = Uint8Array.from(valid);
        copy.set(bytes.subarray(0, copy.length - at), at);
        return copy;
      }),
    fc
      .tuple(fc.integer({ min: 0, max: valid.length }), fc.uint8Array({ minLength: 1, maxLength: 64 }))
      .map(([at, bytes]) => Uint8Array.from([...valid.subarray(0, at), ...bytes, ...valid.subarray(at)])),
  );

describe.each(CONTAINERS)('the %s structure walk on damaged files', (type: Container) => {
  let valid: Uint8Array;
  beforeAll(async () => {
    valid = await makeImage(type, {
      width: 16,
      height: 12,
      gps: true,
      exif: true,
      orientation: 6,
      icc: true,
    });
  });

  it('plans a copy that still walks, or refuses with ImageStructureError; never crashes or hangs', async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(damaged(valid), async (file) => {
        const source = bufferSource(file);
        const outcome = await planStripSource(source, type).catch((error: unknown) => error);
        const inspected = await inspectSource(source).catch((error: unknown) => error);
        if (inspected instanceof Error) expect(inspected).toBeInstanceOf(ImageStructureError);
        if (outcome instanceof Error) {
          expect(outcome).toBeInstanceOf(ImageStructureError);
          expect(outcome.message).toMatch(/strip_metadata: false/);
          refused += 1;
          return;
        }
        const { plan } = outcome as StripResult;
        await expect(SCANNERS[type](bufferSource(apply(plan, file)))).resolves.toBeDefined();
      }),
      { numRuns: 400, seed: 20261130 },
    );
    expect(refused).toBeGreaterThan(0);
  });

  it('refuses a file that is not of the type it was opened as', async () => {
    const other = await makeImage(type === 'png' ? 'jpeg' : 'png');
    await expect(planStripSource(bufferSource(other), type)).rejects.toThrow(ImageStructureError);
  });
});
