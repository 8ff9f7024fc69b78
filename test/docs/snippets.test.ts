import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Users copy these into their client's config: each must parse, and name only variables the server reads.
const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const README = read('README.md');
const EXAMPLE = read('mcp.json.example');

const KNOWN_VARIABLES = new Set([
  'SHOPEE_PARTNER_ID',
  'SHOPEE_PARTNER_KEY',
  'SHOPEE_REGION',
  'SHOPEE_BASE_URL',
  'SHOPEE_SHOP_ID',
  'SHOPEE_ACCESS_TOKEN',
  'TRACEPASS_API_KEY',
  'TRACEPASS_BASE_URL',
  'UPLOAD_TIMEOUT_MS',
  'CONNECT_TIMEOUT_MS',
  'LOG_LEVEL',
]);

interface ServerEntry {
  type?: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
}
interface ClientConfig {
  mcpServers?: Record<string, ServerEntry>;
  servers?: Record<string, ServerEntry>;
  inputs?: { id: string; type: string; password?: boolean }[];
}

// From a clone, after `npm install -g .`, or (marked as such) after the package is published.
const LAUNCH =
  /^(node \/absolute\/path\/to\/catalog-upload-mcp\/dist\/cli\.js|catalog-upload-mcp|(cmd \/c )?npx -y catalog-upload-mcp) \S/;

const jsonBlocks = [...README.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
const configs = (): [string, ClientConfig][] => [
  ['mcp.json.example', JSON.parse(EXAMPLE) as ClientConfig],
  ...jsonBlocks
    .map((block, i): [string, ClientConfig] => [
      `README json block ${i + 1}`,
      JSON.parse(block) as ClientConfig,
    ])
    .filter(([, json]) => json.mcpServers !== undefined || json.servers !== undefined),
];

describe('copy-and-paste snippets', () => {
  it('parses every JSON block in the README and the example file', () => {
    expect(jsonBlocks.length).toBeGreaterThanOrEqual(8);
    for (const [i, block] of jsonBlocks.entries()) {
      expect(() => JSON.parse(block), `README json block ${i + 1}:\n${block}`).not.toThrow();
    }
    expect(() => JSON.parse(EXAMPLE)).not.toThrow();
  });

  it('starts the server in a documented way, with known variables, and every ${input:…} has its input', () => {
    const found = configs();
    expect(found.map(([where]) => where).length).toBeGreaterThanOrEqual(4);
    for (const [where, config] of found) {
      const servers = Object.values(config.mcpServers ?? config.servers ?? {});
      expect(servers, where).toHaveLength(1);
      for (const server of servers) {
        expect([server.command, ...server.args].join(' '), where).toMatch(LAUNCH);
        for (const name of Object.keys(server.env ?? {}))
          expect(KNOWN_VARIABLES, `${where}: ${name}`).toContain(name);
        for (const [, id] of JSON.stringify(server).matchAll(/\$\{input:([\w-]+)\}/g)) {
          expect(
            config.inputs?.map((input) => input.id),
            `${where}: input ${id}`,
          ).toContain(id);
        }
        if (config.servers) expect(server.type, `${where}: VS Code needs "type"`).toBe('stdio');
      }
    }
  });

  it('shows the Claude Code, Windows and MCP Inspector forms, from a clone first', () => {
    expect(README).toMatch(
      /claude mcp add catalog-upload (-e \w+=\S+ \\?\s*)+-- node \/absolute\/path\/to\/catalog-upload-mcp\/dist\/cli\.js /,
    );
    expect(README).toMatch(/claude mcp add catalog-upload (-e \w+=\S+ \\?\s*)+-- catalog-upload-mcp \//);
    expect(README).toMatch(/"command": "cmd",\s*"args": \["\/c", "npx", "-y", "catalog-upload-mcp"/);
    expect(README).toContain(
      'npx @modelcontextprotocol/inspector -e TRACEPASS_API_KEY=tp_your_key -- node dist/cli.js ',
    );
  });

  it('marks every npx form as working only after the package is published', () => {
    const uses = [...README.matchAll(/npx(", "|\s+)-y(", "|\s+)catalog-upload-mcp/g)];
    expect(uses.length).toBeGreaterThanOrEqual(4);
    for (const use of uses) {
      // The sentence around it, the one that introduces the snippet, or a comment inside it says so.
      const at = use.index ?? 0;
      const around = README.slice(Math.max(0, at - 400), at + 80);
      expect(around, `npx form at offset ${at}`).toMatch(
        /after\s+the\s+package\s+is\s+published|until\s+it\s+is\s+published/,
      );
    }
  });
});
