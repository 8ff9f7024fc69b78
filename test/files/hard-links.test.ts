import { linkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AllowedRoots, createFileAccess, type FileAccess, type ImageRule } from '../../src/files/index.js';
import { makeWorkspace, type Workspace } from '../helpers/fixtures.js';

const RULE: ImageRule = { platform: 'TracePass', accept: ['jpeg', 'png', 'webp'], maxBytes: 5 * 1024 * 1024 };

let ws: Workspace;
let files: FileAccess;
beforeEach(() => {
  ws = makeWorkspace();
  files = createFileAccess(new AllowedRoots([ws.root]));
});
afterEach(() => ws.cleanup());

const outcome = (path: string) =>
  files.openImages([path], RULE).then(
    async (images) => {
      await Promise.all(images.map((image) => image.close()));
      return 'opened';
    },
    (error: Error) => error.message,
  );

const COPY_IT = 'Copy the file into the folder (a copy, not a link) and give the copy.';

describe('files with more than one hard link', () => {
  it('refuses a hard link to a file outside the roots, saying to copy the file in', async () => {
    linkSync(ws.png('secret.png', undefined, ws.outside), join(ws.root, 'a.png'));
    expect(await outcome('a.png')).toBe(
      'Cannot use "a.png": has 2 hard links, so another of its names may lie outside the allowed ' +
        `folders. ${COPY_IT}`,
    );
  });

  it('refuses a file with two names inside the root too: the other name cannot be told apart', async () => {
    const first = ws.png('first.png');
    linkSync(first, join(ws.root, 'second.png'));
    linkSync(first, join(ws.root, 'third.png'));
    expect(await outcome(first)).toMatch(/has 3 hard links/);
  });

  it('opens a file with exactly one name', async () => {
    expect(await outcome(ws.png('single.png'))).toBe('opened');
  });
});
