import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/client/validators/ajv';
import type { JsonSchemaType } from '@modelcontextprotocol/client';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PRODUCT_ID } from '../../src/emulator/index.js';
import { startHarness, textOf, type Harness } from '../helpers/harness.js';

const RUNS = 1_000;

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const json = fc.jsonValue();

/** Paths an agent might send: good files, bad files, escapes and noise. */
const pathString = fc.oneof(
  fc.constantFrom(
    'a.png',
    'b.jpg',
    'w.webp',
    'text.png',
    'pipe.png',
    'link.png',
    'missing.png',
    '',
    '.',
    '..',
    '~',
    '/',
    '../outside/secret.png',
    '/etc/passwd',
    '/dev/zero',
    '/dev/stdin',
    'a.png\0.png',
  ),
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc
    .array(fc.constantFrom('..', '.', '', '~', 'a.png', 'sub', 'outside'), { maxLength: 5 })
    .map((p) => p.join('/')),
);

/** A product with all 20 images, next to the (empty) demo product. */
const FULL_PRODUCT_ID = 'f'.repeat(24);
const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://cdn.example/${i}.png`);

const productId = fc.oneof(
  { weight: 1, arbitrary: fc.constant(DEMO_PRODUCT_ID) },
  { weight: 1, arbitrary: fc.constant(FULL_PRODUCT_ID) },
  { weight: 2, arbitrary: fc.stringMatching(/^[0-9a-fA-F]{24}$/) },
  fc.stringMatching(/^[0-9a-fA-F]{23,25}$/),
  fc.string({ maxLength: 30 }),
  fc.constant('../../admin/aaaaaaaaaaaa'),
);

/** Mostly `likely` (near-valid values), sometimes any JSON value, sometimes missing. */
const field = (likely: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 6, arbitrary: likely },
    { weight: 2, arbitrary: json },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );

/** The tool's fields plus, now and then, unknown ones; a missing field is left out, as JSON would. */
function argsOf(fields: Record<string, fc.Arbitrary<unknown>>) {
  return fc
    .tuple(fc.record(fields), fc.dictionary(fc.string({ maxLength: 8 }), json, { maxKeys: 2 }))
    .map(([known, unknown]) => {
      const present = Object.entries(known).filter(([, value]) => value !== undefined);
      return { ...unknown, ...Object.fromEntries(present) };
    });
}

const TOOLS = {
  shopee_upload_images: argsOf({
    paths: field(
      fc.oneof(
        { weight: 3, arbitrary: fc.array(fc.constantFrom('a.png', 'b.jpg'), { minLength: 1, maxLength: 8 }) },
        { weight: 3, arbitrary: fc.array(pathString, { maxLength: 10 }) },
        { weight: 1, arbitrary: fc.array(fc.oneof(pathString, json), { maxLength: 3 }) },
      ),
    ),
    scene: field(fc.constantFrom('normal', 'desc', 'Normal', '', undefined)),
    ratio: field(fc.constantFrom('1:1', '3:4', '16:9', undefined)),
  }),
  tracepass_upload_image: argsOf({ product_id: field(productId), path: field(pathString) }),
  tracepass_delete_image: argsOf({
    product_id: field(productId),
    index: field(
      fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: -3, max: 22 }) },
        { weight: 1, arbitrary: fc.double({ min: -5, max: 25, noNaN: true, noDefaultInfinity: true }) },
      ),
    ),
    expected_url: field(fc.oneof(fc.webUrl(), fc.constant(''), fc.constant(undefined))),
  }),
};

/** Small files of every kind the tools meet; nothing over a few bytes. */
function plant(h: Harness): void {
  const { ws } = h;
  ws.png('a.png');
  ws.jpeg('b.jpg');
  ws.webp('w.webp');
  ws.file('text.png', 'not an image');
  ws.fifo('pipe.png');
  symlinkSync(ws.png('secret.png', undefined, ws.outside), join(ws.root, 'link.png'));
}

describe('every tool answers any input with a result, never a crash, hang or protocol error', () => {
  it.each(Object.entries(TOOLS))(`%s, ${RUNS} generated inputs`, async (tool, args) => {
    h = await startHarness({
      emulator: {
        tracepass: { products: [{ id: DEMO_PRODUCT_ID }, { id: FULL_PRODUCT_ID, imageUrls: urls(20) }] },
      },
    });
    plant(h);
    const harness = h;
    // Listing the tools also makes the client check every structuredContent against its outputSchema.
    const { tools } = await harness.client.listTools();
    const declared = tools.find((t) => t.name === tool)!.inputSchema;
    const validInput = new AjvJsonSchemaValidator().getValidator(declared as JsonSchemaType);
    let valid = 0;

    await fc.assert(
      fc.asyncProperty(args, async (input) => {
        const before = harness.emulator.requests.length;
        const result = await harness.client.callTool({ name: tool, arguments: input });
        const text = textOf(result);
        expect(result.content[0]?.type).toBe('text');
        expect(text).not.toBe('');
        expect(text).not.toMatch(/Output validation error/);
        if (validInput(input).valid) {
          valid++;
          expect(text).not.toMatch(/Input validation error/);
          if (!result.isError) expect(result.structuredContent).toBeDefined();
        } else {
          expect(result.isError).toBe(true);
          expect(text).toMatch(/^Input validation error: Invalid arguments for tool/);
          expect(harness.emulator.requests.length).toBe(before);
        }
      }),
      { numRuns: RUNS, timeout: 10_000 },
    );
    // The generators reach past the schema too, not only into it.
    expect(valid).toBeGreaterThan(RUNS / 20);
    expect(valid).toBeLessThan(RUNS - RUNS / 20);
  });
});
