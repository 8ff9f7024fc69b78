/** Order statistics of a set of timings (or any samples); the bench reports medians. */
export interface Summary {
  n: number;
  median: number;
  p90: number;
  min: number;
  max: number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('no samples to summarize');
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (rank: number) => sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? Number.NaN;
  const mid = sorted.length / 2;
  const median = sorted.length % 2 === 1 ? at(Math.floor(mid)) : (at(mid - 1) + at(mid)) / 2;
  return {
    n: sorted.length,
    median,
    // Nearest rank: with 5 to 9 samples this is the largest.
    p90: at(Math.ceil(0.9 * sorted.length) - 1),
    min: at(0),
    max: at(sorted.length - 1),
  };
}

/**
 * Runs every contestant `runs` times, one run of each per round, rotating which goes first so no
 * side always inherits the other's warm caches or its garbage. One untimed warm-up round comes first
 * (round -1). Each contestant returns the figure it measured for that round.
 */
export async function interleave<K extends string>(
  runs: number,
  contestants: Record<K, (round: number) => Promise<number>>,
): Promise<Record<K, number[]>> {
  const names = Object.keys(contestants) as K[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let round = -1; round < runs; round++) {
    const shift = Math.max(0, round) % names.length;
    for (const name of [...names.slice(shift), ...names.slice(0, shift)]) {
      const value = await contestants[name](round);
      if (round >= 0) samples[name].push(value);
    }
  }
  return samples;
}

/** Wall time of `work`, in milliseconds. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}
