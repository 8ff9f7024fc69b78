import { linkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outcome as outcomeWith, TRACEPASS_RULE, useWorkspace } from './helpers/access.js';

const context = useWorkspace();
const outcome = (path: string) => outcomeWith(context.files, path, TRACEPASS_RULE);

const COPY_IT = 'Copy the file into the folder (a copy, not a link) and give the copy.';

describe('files with more than one hard link', () => {
  it('refuses a hard link to a file outside the roots, saying to copy the file in', async () => {
    linkSync(context.ws.png('secret.png', undefined, context.ws.outside), join(context.ws.root, 'a.png'));
    expect(await outcome('a.png')).toBe(
      'Cannot use "a.png": has 2 hard links, so another of its names may lie outside the allowed ' +
        `folders. ${COPY_IT}`,
    );
  });

  it('refuses a file with two names inside the root too: the other name cannot be told apart', async () => {
    const first = context.ws.png('first.png');
    linkSync(first, join(context.ws.root, 'second.png'));
    linkSync(first, join(context.ws.root, 'third.png'));
    expect(await outcome(first)).toMatch(/has 3 hard links/);
  });

  it('opens a file with exactly one name', async () => {
    expect(await outcome(context.ws.png('single.png'))).toBe('opened');
  });
});
