import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AllowedRoots, createFileAccess } from '../../src/files/index.js';
import { ACCEPTED_SOURCES } from '../../src/files/path-input.js';
import { outcome as outcomeWith, useWorkspace } from './helpers/access.js';

const context = useWorkspace();
const outcome = (path: string, access = context.files) => outcomeWith(access, path);

// `./././…/ab.png`: long paths that still name a real file (resolving would shorten them to root/ab.png).
const AT_LIMIT = `${'./'.repeat(2045)}ab.png`;
const OVER_LIMIT = `${'./'.repeat(2044)}.//ab.png`;

describe('path forms', () => {
  it('reads a file:// URI as its path, inside the roots or refused like any outside path', async () => {
    const inside = context.ws.png('my photo.png');
    expect(await outcome(pathToFileURL(inside).href)).toBe('opened');
    const outside = pathToFileURL(context.ws.png('o.png', undefined, context.ws.outside)).href;
    expect(await outcome(outside)).toBe(
      `Cannot use "${outside}": is outside the allowed folders (${context.ws.root}). Copy the file into one of ` +
        'them, or add its folder to the server arguments or client roots.',
    );
  });

  it('refuses http:// and data: values, saying what is accepted', async () => {
    expect(await outcome('http://cdn.example/a.png')).toBe(
      `Cannot use "http://cdn.example/a.png": is an http:// URL, not a file path. ${ACCEPTED_SOURCES}`,
    );
    expect(await outcome('data:image/png;base64,iVBORw0KGgo=')).toMatch(
      /^Cannot use "data:image\/png;base64,iVBORw0KGgo=": is a data: value, not a file path\. Give a local/,
    );
  });

  it('refuses https:// URLs where URL sources are off, with the same list', async () => {
    expect(await outcome('https://cdn.example/a.png')).toBe(
      'Cannot use "https://cdn.example/a.png": is a URL, and URL sources are off here (URL_SOURCES=off). ' +
        ACCEPTED_SOURCES,
    );
  });

  it('opens a 4,096-character path and refuses a 4,097-character one before resolving it', async () => {
    context.ws.png('ab.png');
    expect([AT_LIMIT.length, OVER_LIMIT.length]).toEqual([4096, 4097]);
    expect(await outcome(AT_LIMIT)).toBe('opened');
    expect(await outcome(OVER_LIMIT)).toMatch(/is 4,097 characters long; paths are at most 4,096/);
    // Refused before anything else: even with no folders allowed, the length is what is refused.
    const none = createFileAccess(new AllowedRoots([]));
    expect(await outcome(`/${'a'.repeat(4096)}`, none)).toMatch(/is 4,097 characters long/);
    expect(await outcome(`/${'a'.repeat(4095)}`, none)).toMatch(/no folders are allowed yet/);
  });

  it('quotes at most 200 characters of what it was given', async () => {
    const data = `data:image/png;base64,${'A'.repeat(200_000)}`;
    const message = await outcome(data);
    expect(message.startsWith(`Cannot use "${data.slice(0, 200)}…": `)).toBe(true);
    expect(message.length).toBeLessThan(500);
    expect(await outcome(join(context.ws.root, `${'n'.repeat(250)}.png`))).toMatch(
      /^Cannot use "[^"]{1,201}": no such file/,
    );
  });
});
