import { parseArgs } from 'node:util';
import { DEFAULT_SHOPEE_SHOP, startEmulator } from './index.js';

const USAGE = `usage: catalog-upload-mcp emulator [--port N] [--host H]

Runs an offline emulator of the Shopee and TracePass APIs on loopback (127.0.0.1 and a free port by
default) and prints the variables that point catalog-upload-mcp at it. Ctrl-C stops it.

  --port N   listen on port N (0, the default, picks a free one)
  --host H   listen on host H (default 127.0.0.1)
  --help     print this and exit`;

/** Quotes a value for a POSIX shell only when it needs it. */
function shellValue(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

type Options = { help: true } | { help: false; host?: string; port?: number };

function parseOptions(args: string[]): Options {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string' }, host: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return { help: true };
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    throw new Error(`--port must be an integer from 0 to 65535, got '${values.port}'`);
  }
  return {
    help: false,
    ...(values.host ? { host: values.host } : {}),
    ...(port === undefined ? {} : { port }),
  };
}

/**
 * `catalog-upload-mcp emulator`: runs the emulator until SIGINT/SIGTERM, printing the environment a client
 * needs to point at it. Resolves with the exit code once it has stopped (1 for bad options).
 */
export async function serveEmulator(args: string[]): Promise<number> {
  let options: Options;
  try {
    options = parseOptions(args);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    console.error(USAGE);
    return 1;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const { host, port } = options;
  // Listen before printing: whoever reads the first line may stop the emulator straight away.
  const stopped = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  // The shop is passed explicitly so that the Shop-mode pair printed below is the one it accepts.
  const shop = DEFAULT_SHOPEE_SHOP;
  const emulator = await startEmulator({ host, port, shopee: { shops: [shop] } });
  for (const [name, value] of Object.entries(emulator.env))
    console.log(`export ${name}=${shellValue(value)}`);
  for (const product of emulator.products.values()) console.log(`# TracePass demo product id: ${product.id}`);
  // Commented out: with both set, every upload is signed as a Shop API call, which not everyone wants.
  console.log(
    `# Shopee Shop mode (optional): export SHOPEE_SHOP_ID=${shop.shopId} ` +
      `SHOPEE_ACCESS_TOKEN=${shellValue(shop.accessToken)}`,
  );
  console.log(
    `# Shopee + TracePass emulator on ${emulator.url}: run the export lines in another shell; Ctrl-C stops it.`,
  );
  const signal = await stopped;
  await emulator.close();
  console.error(`Emulator stopped (${signal}).`);
  return 0;
}
