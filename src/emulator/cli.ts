import { parseArgs } from 'node:util';
import { startEmulator } from './index.js';

const USAGE = 'usage: node dist/emulator/cli.js [--port N] [--host H]';

/** Quotes a value for a POSIX shell only when it needs it. */
function shellValue(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

function parseOptions(): { host?: string; port?: number } {
  const { values } = parseArgs({ options: { port: { type: 'string' }, host: { type: 'string' } } });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    throw new Error(`--port must be an integer from 0 to 65535, got '${values.port}'`);
  }
  return { ...(values.host ? { host: values.host } : {}), ...(port === undefined ? {} : { port }) };
}

async function main(): Promise<void> {
  const emulator = await startEmulator(parseOptions());
  for (const [name, value] of Object.entries(emulator.env))
    console.log(`export ${name}=${shellValue(value)}`);
  for (const product of emulator.products.values()) console.log(`# TracePass demo product id: ${product.id}`);
  console.log(
    `# Shopee + TracePass emulator on ${emulator.url}: run the export lines in another shell; Ctrl-C stops it.`,
  );

  const shutdown = (): void => {
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(USAGE);
  process.exitCode = 1;
});
