import { parseArgs } from 'node:util';
import { startEmulator } from './index.js';

const USAGE = 'usage: catalog-upload-mcp emulator [--port N] [--host H]';

/** Quotes a value for a POSIX shell only when it needs it. */
function shellValue(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

function parseOptions(args: string[]): { host?: string; port?: number } {
  const { values } = parseArgs({ args, options: { port: { type: 'string' }, host: { type: 'string' } } });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    throw new Error(`--port must be an integer from 0 to 65535, got '${values.port}'`);
  }
  return { ...(values.host ? { host: values.host } : {}), ...(port === undefined ? {} : { port }) };
}

/**
 * `catalog-upload-mcp emulator`: runs the emulator until SIGINT/SIGTERM, printing the environment a client
 * needs to point at it. Resolves with the exit code once it has stopped (1 for bad options).
 */
export async function serveEmulator(args: string[]): Promise<number> {
  let options: { host?: string; port?: number };
  try {
    options = parseOptions(args);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    console.error(USAGE);
    return 1;
  }
  // Listen before printing: whoever reads the first line may stop the emulator straight away.
  const stopped = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  const emulator = await startEmulator(options);
  for (const [name, value] of Object.entries(emulator.env))
    console.log(`export ${name}=${shellValue(value)}`);
  for (const product of emulator.products.values()) console.log(`# TracePass demo product id: ${product.id}`);
  console.log(
    `# Shopee + TracePass emulator on ${emulator.url}: run the export lines in another shell; Ctrl-C stops it.`,
  );
  const signal = await stopped;
  await emulator.close();
  console.error(`Emulator stopped (${signal}).`);
  return 0;
}
