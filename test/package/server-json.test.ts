import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LEVELS } from '../../src/logging.js';

// server.json is what the MCP Registry lists. The registry's published JSON schema is not shipped by any
// npm package this project can install, so this checks the rules its documentation states (and the
// registry's publish-time checks that matter here), plus agreement with package.json and README.
const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const raw = JSON.parse(read('server.json')) as unknown;
const pkg = JSON.parse(read('package.json')) as { name: string; version: string; mcpName: string };
const README = read('README.md');

const exactVersion = z
  .string()
  .regex(/^\d+\.\d+\.\d+(-[\w.]+)?$/, 'one exact version, not a range or "latest"');
const input = {
  description: z.string().min(1),
  format: z.enum(['string', 'number', 'boolean', 'filepath']).optional(),
  isRequired: z.boolean().optional(),
  isSecret: z.boolean().optional(),
  default: z.string().optional(),
  choices: z.array(z.string()).optional(),
};
const ServerJson = z.strictObject({
  $schema: z
    .string()
    .regex(/^https:\/\/static\.modelcontextprotocol\.io\/schemas\/\d{4}-\d{2}-\d{2}\/server\.schema\.json$/),
  // Reverse-DNS namespace, one slash, then the server's own name.
  name: z
    .string()
    .max(200)
    .regex(/^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/),
  title: z.string().min(1).max(100).optional(),
  description: z.string().min(1).max(100),
  version: exactVersion,
  packages: z
    .array(
      z.strictObject({
        registryType: z.literal('npm'),
        registryBaseUrl: z.literal('https://registry.npmjs.org'),
        identifier: z.string(),
        version: exactVersion,
        runtimeHint: z.literal('npx'),
        transport: z.strictObject({ type: z.literal('stdio') }),
        packageArguments: z.array(
          z.strictObject({
            type: z.literal('positional'),
            valueHint: z.string(),
            isRepeated: z.boolean(),
            ...input,
          }),
        ),
        environmentVariables: z.array(
          z.strictObject({ name: z.string().regex(/^[A-Z][A-Z0-9_]*$/), ...input }),
        ),
      }),
    )
    .length(1),
});
type ServerJson = z.infer<typeof ServerJson>;

/** The variables README's configuration table documents. */
function readmeVariables(): string[] {
  const table = README.slice(README.indexOf('| variable'), README.indexOf('Hosts for `SHOPEE_REGION`'));
  return [...table.matchAll(/^\| (.+?) \|/gm)].flatMap(([, cell = '']) =>
    [...cell.matchAll(/`([A-Z_]+)`/g)].map((m) => m[1] ?? ''),
  );
}

describe('server.json for the MCP Registry', () => {
  const parsed = ServerJson.safeParse(raw);
  // The other checks read the file as is, so that a format slip fails only the test above.
  const server = raw as ServerJson;

  it('follows the registry format: names, lengths, exact versions, an npm package over stdio', () => {
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it('names the npm package and its version, and package.json claims the registry name', () => {
    const { name, version, packages } = server;
    expect(version).toBe(pkg.version);
    expect(packages[0]).toMatchObject({ identifier: pkg.name, version: pkg.version });
    // The registry checks npm ownership through this field of the published package.json.
    expect(pkg.mcpName).toBe(name);
    expect(README).toContain(`\`${name}\``);
  });

  it('lists every variable README documents, with the secret ones marked secret', () => {
    const variables = server.packages[0]?.environmentVariables ?? [];
    expect(variables.map((variable) => variable.name).sort()).toEqual(readmeVariables().sort());
    expect(
      variables
        .filter((variable) => variable.isSecret)
        .map((variable) => variable.name)
        .sort(),
    ).toEqual(['SHOPEE_ACCESS_TOKEN', 'SHOPEE_PARTNER_KEY', 'TRACEPASS_API_KEY']);
    expect(variables.find((variable) => variable.name === 'LOG_LEVEL')?.choices).toEqual([...LEVELS]);
  });

  it('passes the image folders as repeatable positional arguments', () => {
    expect(server.packages[0]?.packageArguments).toEqual([
      expect.objectContaining({ type: 'positional', format: 'filepath', isRequired: true, isRepeated: true }),
    ]);
  });
});
