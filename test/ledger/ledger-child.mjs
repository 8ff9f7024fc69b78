// A separate server process using the built ledger (dist/), driven by the multi-process tests.
// argv[2] is JSON: { options, mode, ... }. Prints one JSON line with its results, or "locked".
import { appendFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { openLedger } from '../../dist/ledger/index.js';

const job = JSON.parse(process.argv[2]);
const ledger = await openLedger({ ...job.options, warn: (message) => console.error(message) });

// Start together, so the processes really overlap rather than run one after another.
if (job.startAt) await sleep(Math.max(0, job.startAt - Date.now()));

if (job.mode === 'hold') {
  await ledger.withLock(job.key, async () => {
    process.stdout.write('locked\n');
    // Holds until killed: a timer keeps the process alive (the lock's own refresh timer does not).
    await new Promise(() => setInterval(() => undefined, 60_000));
  });
} else if (job.mode === 'race') {
  // What the upload tool will do: under the key's lock, upload only if nothing is recorded yet.
  const urls = {};
  for (const key of job.keys) {
    urls[key.productId] = await ledger.withLock(key, async () => {
      const known = await ledger.lookup(key);
      if (known) return known;
      appendFileSync(job.uploadLog, `${key.productId}\n`);
      // An upload takes time: a second process slipping past the lock would upload here too.
      await sleep(5);
      const url = `https://img.example/${process.pid}/${key.productId}.png`;
      await ledger.record(key, url);
      return url;
    });
  }
  process.stdout.write(`${JSON.stringify({ urls })}\n`);
} else if (job.mode === 'hammer') {
  const keys = job.keys;
  for (const [index, key] of keys.entries()) {
    await ledger.record(key, `https://img.example/${job.tag}/${index}.png`);
    // Interleave reads with the other processes' writes: a torn file would fail to parse here.
    await ledger.lookup(keys[0]);
  }
  const missing = [];
  for (const key of keys) if ((await ledger.lookup(key)) === undefined) missing.push(key.productId);
  process.stdout.write(`${JSON.stringify({ missing })}\n`);
} else {
  throw new Error(`unknown mode ${job.mode}`);
}
await ledger.close();
