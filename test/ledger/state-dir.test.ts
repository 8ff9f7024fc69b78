import { describe, expect, it } from 'vitest';
import { defaultStateDir } from '../../src/ledger/index.js';

describe('defaultStateDir', () => {
  it.each([
    [
      'CATALOG_UPLOAD_STATE_DIR wins everywhere',
      { CATALOG_UPLOAD_STATE_DIR: '/srv/state', XDG_STATE_HOME: '/x' },
      'linux',
      '/srv/state',
    ],
    ['CATALOG_UPLOAD_STATE_DIR on Windows', { CATALOG_UPLOAD_STATE_DIR: 'D:\\state' }, 'win32', 'D:\\state'],
    [
      'Linux with XDG_STATE_HOME',
      { XDG_STATE_HOME: '/home/u/.state' },
      'linux',
      '/home/u/.state/catalog-upload-mcp',
    ],
    ['Linux without it', {}, 'linux', '/home/u/.local/state/catalog-upload-mcp'],
    [
      'a relative XDG_STATE_HOME is ignored',
      { XDG_STATE_HOME: 'state' },
      'linux',
      '/home/u/.local/state/catalog-upload-mcp',
    ],
    [
      'an empty CATALOG_UPLOAD_STATE_DIR is unset',
      { CATALOG_UPLOAD_STATE_DIR: '' },
      'freebsd',
      '/home/u/.local/state/catalog-upload-mcp',
    ],
    ['macOS', { XDG_STATE_HOME: '/x' }, 'darwin', '/home/u/Library/Application Support/catalog-upload-mcp'],
    [
      'Windows',
      { LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' },
      'win32',
      'C:\\Users\\u\\AppData\\Local\\catalog-upload-mcp',
    ],
    ['Windows without LOCALAPPDATA', {}, 'win32', 'C:\\Users\\u\\AppData\\Local\\catalog-upload-mcp'],
  ] as const)('%s', (_, env, platform, expected) => {
    const home = platform === 'win32' ? 'C:\\Users\\u' : '/home/u';
    expect(defaultStateDir(env, platform, home)).toBe(expected);
  });
});
