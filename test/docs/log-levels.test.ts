import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isLevel, LEVELS } from '../../src/logging.js';

// A user sets LOG_LEVEL from what README or --help says: both must name exactly the levels the code takes.
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The level names listed on the LOG_LEVEL line, in order, without backticks or "(default)". */
function levelsOn(line: string | undefined): string[] {
  const list = line?.split('log level:')[1]?.split('|')[0] ?? '';
  return list.split(',').map((name) => name.replaceAll('`', '').replace('(default)', '').trim());
}

describe('LOG_LEVEL names', () => {
  it('--help lists exactly the levels the server accepts', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [CLI, '--help']);
    const listed = levelsOn(stdout.split('\n').find((line) => line.trimStart().startsWith('LOG_LEVEL')));
    expect(listed).toEqual([...LEVELS]);
    for (const level of listed) expect(isLevel(level), level).toBe(true);
  });

  it('the README configuration table lists exactly the levels the server accepts', () => {
    const listed = levelsOn(README.split('\n').find((line) => line.startsWith('| `LOG_LEVEL`')));
    expect(listed).toEqual([...LEVELS]);
    for (const level of listed) expect(isLevel(level), level).toBe(true);
  });
});
