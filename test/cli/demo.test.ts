import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

// `npm run demo` is what a newcomer runs first (contract): the built demo, offline, as it prints.
const DEMO = fileURLToPath(new URL('../../dist/demo/run.js', import.meta.url));

it('runs the demo offline: one client per protocol era, then every tool, one input refused', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [DEMO], {
    env: { PATH: process.env.PATH ?? '' },
  });
  expect(stdout).toMatch(/^2025-11-25 \(initialize\) client: protocol 2025-11-25, \d+ tools; ✓/m);
  expect(stdout).toMatch(/^2026-07-28 \(discover\) client: protocol 2026-07-28, \d+ tools; ✓/m);
  for (const tool of ['shopee_upload_images', 'tracepass_upload_image', 'tracepass_delete_image'])
    expect(stdout).toContain(tool);
  expect(stdout.match(/✓ ok/g)).toHaveLength(7);
  expect(stdout.match(/✗ refused/g)).toHaveLength(1);
  expect(stdout).toMatch(/DELETE \/api\/v1\/products\/\w+\/images\/0 → 200/);
}, 120_000); // The demo fits a photo with sharp and starts two clients: slow on a loaded machine.
