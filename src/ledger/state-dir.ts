import { posix, win32 } from 'node:path';

const APP = 'catalog-upload-mcp';

/**
 * The folder that holds the upload record when CATALOG_UPLOAD_STATE_DIR is not set: the platform's
 * per-user state folder. Pure, so every platform's answer is tested on any machine.
 */
export function defaultStateDir(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
  homedir: string,
): string {
  const configured = env.CATALOG_UPLOAD_STATE_DIR;
  if (configured) return configured;
  if (platform === 'win32') {
    return win32.join(env.LOCALAPPDATA || win32.join(homedir, 'AppData', 'Local'), APP);
  }
  if (platform === 'darwin') return posix.join(homedir, 'Library', 'Application Support', APP);
  // The XDG spec says a relative XDG_STATE_HOME is invalid and must be ignored.
  const xdg = env.XDG_STATE_HOME;
  if (xdg && posix.isAbsolute(xdg)) return posix.join(xdg, APP);
  return posix.join(homedir, '.local', 'state', APP);
}
