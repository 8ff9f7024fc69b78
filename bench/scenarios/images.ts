import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { readRange } from '../../src/files/range.js';
import { fitImage } from '../../src/images/fit.js';
import { PLATFORM_TARGETS } from '../../src/images/fits.js';
import { planStrip, streamPlan } from '../../src/images/strip.js';
import { walkImages } from '../../src/images/walk.js';
import { describeMachine, loadAverage } from '../machine.js';
import { interleave, summarize } from '../stats.js';

// Standalone (not yet in bench/main.ts):
//   npm run build && npx tsc -p bench/tsconfig.json && node .bench-build/bench/scenarios/images.js
// Prints a markdown table to stdout; progress to stderr.

const RUNS = 5;
const LIST_IMAGES = 2_000;
const GPS = {
  GPSLatitudeRef: 'N',
  GPSLatitude: '51/1 30/1 0/1',
  GPSLongitudeRef: 'E',
  GPSLongitude: '0/1 7/1 0/1',
};
const progress = (line: string) => process.stderr.write(`bench images: ${line}\n`);

/** A photo-like image: smooth gradients plus sensor-like noise, so JPEG sizes resemble a camera's. */
async function photo(width: number, height: number, quality: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  let seed = 7;
  for (let y = 0, i = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1, i += 3) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const grain = (seed >> 16) % 24;
      raw[i] = ((x * 255) / width + grain) & 0xff;
      raw[i + 1] = ((y * 255) / height + grain) & 0xff;
      raw[i + 2] = (((x + y) * 127) / (width + height) + grain) & 0xff;
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .withExif({ IFD0: { Make: 'PhoneMaker', Model: 'Phone 15' }, IFD3: GPS })
    .withMetadata({ orientation: 6 })
    .jpeg({ quality })
    .toBuffer();
}

async function listing(dir: string): Promise<string> {
  const small = await photo(64, 48, 80);
  for (let folder = 0; folder < 20; folder += 1) {
    mkdirSync(join(dir, 'tree', `f${folder}`, 'sub'), { recursive: true });
    for (let i = 0; i < LIST_IMAGES / 20; i += 1) {
      writeFileSync(join(dir, 'tree', `f${folder}`, i % 2 ? 'sub' : '', `img${i}.jpg`), small);
    }
  }
  const root = join(dir, 'tree');
  const { list } = await interleave(RUNS, {
    list: async () => {
      const started = performance.now();
      const { images } = await walkImages({ roots: [root], recursive: true, limit: LIST_IMAGES });
      if (images.length !== LIST_IMAGES) throw new Error(`listed ${images.length} images`);
      return performance.now() - started;
    },
  });
  const { median, max } = summarize(list);
  return `| list ${LIST_IMAGES} JPEGs in 20 folders (inspect headers) | ${median.toFixed(0)} ms (max ${max.toFixed(0)}) | < 1000 ms | ${median < 1000 ? 'yes' : 'NO'} |`;
}

const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() });

async function throughput(path: string): Promise<string[]> {
  const handle = await open(path);
  const { size } = await handle.stat();
  const { plain, stripped } = await interleave(RUNS, {
    plain: async () => {
      const started = performance.now();
      await pipeline(readRange(handle, size, path), sink());
      return performance.now() - started;
    },
    stripped: async () => {
      const started = performance.now();
      const { plan } = await planStrip(handle, size, 'jpeg');
      await pipeline(streamPlan(handle, plan), sink());
      return performance.now() - started;
    },
  });
  await handle.close();
  const mbps = (ms: number) => `${(size / 1024 / 1024 / (ms / 1000)).toFixed(0)} MiB/s`;
  const [p, s] = [summarize(plain).median, summarize(stripped).median];
  return [
    `| read ${(size / 1024 / 1024).toFixed(1)} MiB JPEG as is (warm cache) | ${p.toFixed(1)} ms, ${mbps(p)} | — | — |`,
    `| plan + stream it stripped | ${s.toFixed(1)} ms, ${mbps(s)} (${(s / p).toFixed(2)}× plain) | ≤ 1.5× plain | ${s / p <= 1.5 ? 'yes' : 'NO'} |`,
  ];
}

/** Runs one fit in a fresh process, so its peak RSS is its own. */
function fitInChild(
  path: string,
  platform: 'shopee' | 'tracepass',
): { ms: number; rssMiB: number; note: string } {
  const self = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, [self, '--fit-child', path, platform], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`fit child failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as { ms: number; rssMiB: number; note: string };
}

async function fitChild(path: string, platform: 'shopee' | 'tracepass'): Promise<void> {
  const started = performance.now();
  const fitted = await fitImage(path, PLATFORM_TARGETS[platform]);
  const ms = performance.now() - started;
  await fitted.cleanup();
  const note = `${fitted.fromType} ${(fitted.fromBytes / 1048576).toFixed(1)} MiB → ${fitted.type} ${(fitted.bytes / 1048576).toFixed(2)} MiB ${fitted.width}×${fitted.height} [${fitted.changes.join(', ')}]`;
  process.stdout.write(JSON.stringify({ ms, rssMiB: process.resourceUsage().maxRSS / 1024, note }));
}

function fitRow(label: string, path: string, platform: 'shopee' | 'tracepass'): string {
  const samples = Array.from({ length: 3 }, () => fitInChild(path, platform));
  const ms = summarize(samples.map((s) => s.ms)).median;
  const rss = Math.max(...samples.map((s) => s.rssMiB));
  return `| ${label}: ${samples[0]?.note} | ${ms.toFixed(0)} ms, peak RSS ${rss.toFixed(0)} MiB | — | — |`;
}

/** A 12-megapixel HEIC (an iPhone's size), made with heif-enc when libheif-examples is installed. */
function heicFixture(dir: string, source: Buffer): string | undefined {
  const jpeg = join(dir, 'heic-source.jpg');
  const heic = join(dir, 'photo.heic');
  writeFileSync(jpeg, source);
  try {
    execFileSync('heif-enc', ['-q', '50', '-o', heic, jpeg], { stdio: 'ignore' });
    return heic;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'catalog-upload-bench-images-')));
  try {
    const machine = describeMachine();
    const rows = ['| measure | result | target | met |', '| --- | --- | --- | --- |'];
    progress(`listing ${LIST_IMAGES} images`);
    rows.push(await listing(dir));
    progress('making a 24-megapixel JPEG');
    const big = await photo(6000, 4000, 92);
    const bigPath = join(dir, 'photo-24mp.jpg');
    writeFileSync(bigPath, big);
    progress('strip throughput');
    rows.push(...(await throughput(bigPath)));
    progress('fit (each in its own process)');
    rows.push(fitRow('fit 24 MP JPEG for TracePass', bigPath, 'tracepass'));
    rows.push(fitRow('fit 24 MP JPEG for Shopee', bigPath, 'shopee'));
    progress('HEIC');
    const heic = heicFixture(dir, await photo(4032, 3024, 92));
    rows.push(
      heic
        ? fitRow('fit 12 MP HEIC for TracePass', heic, 'tracepass')
        : '| HEIC | skipped: heif-enc not installed (apt-get install libheif-examples) | — | — |',
    );
    process.stdout.write(`${machine}; at the end: ${loadAverage()}\n\n${rows.join('\n')}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const [flag, path, platform] = process.argv.slice(2);
if (flag === '--fit-child' && path && (platform === 'shopee' || platform === 'tracepass'))
  await fitChild(path, platform);
else await main();
