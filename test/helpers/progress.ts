import type { Progress } from '@modelcontextprotocol/client';
import { expect } from 'vitest';

/** At least two notifications, each of `total`, rising on every one, the last at `total`. */
export function expectIncreasingToTotal(seen: Progress[], total: number): void {
  expect(seen.length).toBeGreaterThanOrEqual(2);
  for (const [i, p] of seen.entries()) {
    expect(p.total).toBe(total);
    if (i > 0) expect(p.progress).toBeGreaterThan(seen[i - 1]!.progress);
  }
  expect(seen.at(-1)?.progress).toBe(total);
}
