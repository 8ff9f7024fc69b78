import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client, type ClientOptions } from '@modelcontextprotocol/client';
import type { CallToolResult } from '@modelcontextprotocol/client';
import { DEMO_PRODUCT_ID, startEmulator } from '../emulator/index.js';
import sharp from 'sharp';
import { makeJpeg, makePng, makeWebp, padTo } from '../samples/images.js';

/** A phone-like photo: a JPEG whose EXIF carries a GPS position. */
const photoWithLocation = () =>
  sharp({ create: { width: 320, height: 240, channels: 3, background: '#4a7' } })
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Phone 15' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '51/1 30/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '0/1 7/1 0/1',
      },
    })
    .jpeg()
    .toBuffer();

// `npm run demo`: the built server, launched over stdio by a real MCP client, against the embedded
// emulator on loopback, with sample images made on the spot. Offline; prints what happened.

const say = (line = '') => console.log(line);
const text = (result: CallToolResult) =>
  result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');

function show(title: string, args: unknown, result: CallToolResult): void {
  say(`\n▶ ${title}`);
  say(`  arguments: ${JSON.stringify(args)}`);
  say(`  ${result.isError ? '✗ refused' : '✓ ok'}: ${text(result).split('\n').join('\n    ')}`);
}

/** One client per protocol era, each launching its own server process. */
const ERAS: { label: string; options: ClientOptions }[] = [
  { label: '2025-11-25 (initialize)', options: {} },
  { label: '2026-07-28 (discover)', options: { versionNegotiation: { mode: { pin: '2026-07-28' } } } },
];

/** Connects, lists the tools and uploads one image: proof that the era works end to end. */
async function eraCheck(client: Client, transport: StdioClientTransport): Promise<string> {
  await client.connect(transport);
  const { tools } = await client.listTools();
  const result = await client.callTool({ name: 'shopee_upload_images', arguments: { paths: ['hero.png'] } });
  const images = (result.structuredContent as { images?: { image_id?: string }[] } | undefined)?.images;
  const imageId = images?.[0]?.image_id;
  if (result.isError || imageId === undefined) throw new Error(`the upload failed: ${text(result)}`);
  return `protocol ${client.getNegotiatedProtocolVersion()}, ${tools.length} tools; ✓ hero.png → image_id ${imageId}`;
}

async function main(): Promise<void> {
  const emulator = await startEmulator();
  const folder = mkdtempSync(join(tmpdir(), 'catalog-upload-demo-'));
  writeFileSync(join(folder, 'hero.png'), makePng(640, 640));
  writeFileSync(join(folder, 'detail.jpg'), padTo(makeJpeg(), 200_000));
  writeFileSync(join(folder, 'passport.webp'), makeWebp());
  writeFileSync(join(folder, 'notes.jpg'), 'These are notes, not a photo.\n');
  writeFileSync(join(folder, 'phone.jpg'), await photoWithLocation());

  const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'cli.js');
  const launch = () =>
    new StdioClientTransport({
      command: process.execPath,
      args: [cli, folder],
      env: { ...emulator.env, PATH: process.env.PATH ?? '' },
      stderr: 'inherit',
    });
  // One client per era, each with its own server process; the 2025 one then runs the walk-through.
  const clients = ERAS.map(
    (era) => new Client({ name: 'catalog-upload-demo', version: '1.0.0' }, era.options),
  );
  const [client, modern] = clients as [Client, Client];

  try {
    say(`Emulator of Shopee and TracePass on ${emulator.url}; sample images in ${folder}`);
    for (const [i, era] of ERAS.entries())
      say(`${era.label} client: ${await eraCheck(clients[i]!, launch())}`);
    await modern.close();
    const { tools } = await client.listTools();
    say(`Server started over stdio with tools: ${tools.map((t) => t.name).join(', ')}`);

    const call = async (title: string, name: string, args: Record<string, unknown>) => {
      const result = await client.callTool({ name, arguments: args });
      show(title, args, result);
      return result;
    };

    await call('List the images in the sample folder', 'list_local_images', {});
    await call(
      'Upload a WebP to Shopee, which takes only JPEG/PNG: fit converts it',
      'shopee_upload_images',
      {
        paths: ['passport.webp'],
        fit: true,
      },
    );
    await call('Upload two product images to Shopee', 'shopee_upload_images', {
      paths: ['hero.png', 'detail.jpg'],
      scene: 'normal',
    });
    const first = await call('Add an image to a TracePass product passport', 'tracepass_upload_image', {
      product_id: DEMO_PRODUCT_ID,
      path: 'passport.webp',
    });
    await call('Add a second one', 'tracepass_upload_image', {
      product_id: DEMO_PRODUCT_ID,
      path: 'hero.png',
    });
    const firstUrl = (first.structuredContent as { image_url?: string } | undefined)?.image_url;
    await call('Delete the first one, checking its URL first', 'tracepass_delete_image', {
      product_id: DEMO_PRODUCT_ID,
      index: 0,
      expected_url: firstUrl,
    });
    await call('Upload a phone photo: its GPS location is removed by default', 'tracepass_upload_image', {
      product_id: DEMO_PRODUCT_ID,
      path: 'phone.jpg',
    });
    await call('A refused input: a text file named .jpg', 'shopee_upload_images', { paths: ['notes.jpg'] });

    const seen = emulator.requests.map((r) => `${r.method} ${r.path} → ${r.status}`);
    say(`\nThe emulator received ${seen.length} requests (none for the refused file):`);
    for (const line of seen) say(`  ${line}`);
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await emulator.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`Demo failed: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
});
