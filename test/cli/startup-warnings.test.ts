import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_NAMES, parseCommand } from '../../src/cli/args.js';
import { handshake } from '../helpers/handshake.js';
import { makeWorkspace, type Workspace } from '../helpers/fixtures.js';
import { CLI } from '../helpers/raw-stdio.js';

// Folder arguments a person mistyped in a client config: the server still starts and speaks only
// JSON-RPC on stdout (the handshake checks every line), and says what is wrong on stderr.
let ws: Workspace;
beforeAll(() => {
  ws = makeWorkspace();
});
afterAll(() => ws.cleanup());

const env = (extra: Record<string, string> = {}) => ({ PATH: process.env.PATH ?? '', ...extra });
const warningsOf = (stderr: string) => stderr.split('\n').filter((line) => line.includes('] warning: '));

describe('start-up warnings for folder arguments', () => {
  it('names a missing folder, a file, and words that look like commands, on stderr only', async () => {
    const missing = join(ws.base, 'no-such-folder');
    const file = ws.png('hero.png');
    const args = [
      ws.root,
      missing,
      file,
      'help',
      'version',
      'start',
      'doctr',
      'emulater',
      'dctr',
      'dtr',
      'photos',
    ];
    const { stderr, tools } = await handshake(process.execPath, [CLI, ...args], { env: env(), cwd: ws.base });
    expect(tools.length).toBeGreaterThan(0);
    const at = (word: string) => join(ws.base, word);
    expect(warningsOf(stderr)).toEqual([
      expect.stringContaining(`folder '${missing}' does not exist (${missing}): nothing can be read from it`),
      expect.stringContaining(`'${file}' is a file, not a folder (${file}): give the folder that holds`),
      expect.stringContaining(
        `folder 'help' does not exist (${at('help')}) and 'help' is not a command: for usage, run catalog-upload-mcp --help.`,
      ),
      expect.stringContaining(
        `'version' is not a command: for the version, run catalog-upload-mcp --version.`,
      ),
      expect.stringContaining(`'start' is not a command: the server needs no command word`),
      expect.stringContaining(
        `folder 'doctr' does not exist (${at('doctr')}); did you mean the doctor command? It must come first: catalog-upload-mcp doctor [DIR ...].`,
      ),
      expect.stringContaining(
        `'emulater' does not exist (${at('emulater')}); did you mean the emulator command?`,
      ),
      // Two edits from "doctor" still earn the hint; three do not.
      expect.stringContaining(`'dctr' does not exist (${at('dctr')}); did you mean the doctor command?`),
      expect.stringContaining(`folder 'dtr' does not exist (${at('dtr')}): nothing can be read from it`),
      expect.stringContaining(
        `folder 'photos' does not exist (${at('photos')}): nothing can be read from it`,
      ),
    ]);
  });

  it('says nothing about folders that exist, even one named like a command', async () => {
    mkdirSync(join(ws.base, 'doctr'));
    const { stderr } = await handshake(process.execPath, [CLI, ws.root, 'doctr'], {
      env: env(),
      cwd: ws.base,
    });
    expect(warningsOf(stderr)).toEqual([]);
  });

  it('a command word after a folder is a folder too, and gets the hint', async () => {
    const { stderr } = await handshake(process.execPath, [CLI, ws.root, 'doctor'], {
      env: env(),
      cwd: ws.base,
    });
    expect(warningsOf(stderr)).toEqual([
      expect.stringContaining('did you mean the doctor command? It must come first'),
    ]);
  });

  it('follows LOG_LEVEL: above warning, the warnings are not written', async () => {
    const missing = join(ws.base, 'still-missing');
    const { stderr } = await handshake(process.execPath, [CLI, missing], {
      env: env({ LOG_LEVEL: 'error' }),
    });
    expect(stderr).toBe('');
  });

  it('suggests only words that really select a command', () => {
    for (const name of COMMAND_NAMES) expect(parseCommand([name]).kind, name).toBe(name);
  });
});
