/**
 * Every command a README reader can copy, sorted by how a test can run it. Unknown shapes come back as
 * `unknown`, so a new kind of command in README fails the test until it is run too.
 */
export type Form =
  | { kind: 'launch'; where: string; command: string; args: string[]; env: Record<string, string> }
  | { kind: 'run'; where: string; command: string; args: string[]; env: string[] }
  | { kind: 'global-install'; where: string; args: string[] }
  | { kind: 'npm-script'; where: string; script: string }
  | { kind: 'here'; where: string; why: string }
  | { kind: 'unknown'; where: string };

interface ServerEntry {
  command: string;
  args?: string[];
  env?: Record<string, string>;
}

/** The server each client config (a ```json block, or mcp.json.example) starts, with its `env`. */
export function configLaunches(config: string): Form[] {
  const json = JSON.parse(config) as {
    mcpServers?: Record<string, ServerEntry>;
    servers?: typeof json.mcpServers;
  };
  return Object.values(json.mcpServers ?? json.servers ?? {}).map((server): Form => ({
    kind: 'launch',
    where: JSON.stringify(server),
    command: server.command,
    args: server.args ?? [],
    env: server.env ?? {},
  }));
}

/** Commands in ```sh blocks: continuation lines joined, comments dropped, `a && b` split. */
export function shellCommands(readme: string): string[] {
  return [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap(([, block = '']) =>
    block
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'))
      .flatMap((line) => line.split(' && ').map((command) => command.trim())),
  );
}

const ASSIGNMENT = /^[A-Z_]+=/;

/** `-e NAME=value` options, as `claude mcp add` and the Inspector take them. */
function envOptions(tokens: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  tokens.forEach((token, i) => {
    const [name, ...value] = tokens[i + 1]?.split('=') ?? [];
    if (token === '-e' && name) env[name] = value.join('=');
  });
  return env;
}

export function classify(where: string): Form {
  const tokens = where.split(/\s+/);
  const [first = '', second = ''] = tokens;
  const launch = (command: string[], env: Record<string, string>): Form => {
    const [name = '', ...args] = command;
    return { kind: 'launch', where, command: name, args, env };
  };
  if (where.startsWith('claude mcp add ') || where.startsWith('npx @modelcontextprotocol/inspector ')) {
    const env = envOptions(tokens);
    if (tokens.includes('--')) return launch(tokens.slice(tokens.indexOf('--') + 1), env);
    // `--cli CMD … --method tools/list`: the server command runs up to the Inspector's --method.
    const cli = tokens.indexOf('--cli');
    const method = tokens.indexOf('--method');
    if (cli !== -1 && method > cli) return launch(tokens.slice(cli + 1, method), env);
  }
  if (first === 'npm' && second === 'install' && tokens[2] === '-g') {
    return { kind: 'global-install', where, args: tokens.slice(3) };
  }
  if (where === 'npm run bundle')
    return { kind: 'here', where, why: 'test/package/bundle.test.ts runs its script' };
  if (where === 'npm run emulator') return { kind: 'here', where, why: 'test/emulator/cli.test.ts runs it' };
  if (first === 'npm' && second === 'run' && tokens.length === 3) {
    return { kind: 'npm-script', where, script: tokens[2] ?? '' };
  }
  if (where === 'npm install' || where === 'npm test') {
    return { kind: 'here', where, why: 'the suite runs in a checkout after `npm install`, as `npm test`' };
  }
  if (first === 'git' && second === 'clone')
    return { kind: 'here', where, why: 'this checkout is that clone' };
  if (first === 'cd') return { kind: 'here', where, why: 'commands run in the clone' };
  const env = tokens.filter((token) => ASSIGNMENT.test(token));
  const [command = '', ...args] = tokens.slice(env.length);
  if (['node', 'catalog-upload-mcp'].includes(command)) {
    return { kind: 'run', where, command, args, env: env.map((token) => token.split('=')[0] ?? '') };
  }
  return { kind: 'unknown', where };
}

/** Every command form README documents. */
export function readmeForms(readme: string): Form[] {
  const blocks = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map(([, block = '']) => block);
  return [...blocks.flatMap(configLaunches), ...shellCommands(readme).map(classify)];
}
