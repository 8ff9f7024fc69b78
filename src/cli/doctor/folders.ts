import { opendir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { finding, type Finding } from '../../config/finding.js';

async function folderFinding(given: string, cwd: string): Promise<Finding> {
  const check = `Folder ${given}`;
  const path = resolve(cwd, given);
  let real: string;
  try {
    real = await realpath(path);
    if (!(await stat(real)).isDirectory()) {
      return finding(
        check,
        'fail',
        `${path} is a file, not a folder`,
        'give the folder that holds the images.',
      );
    }
    // Opening the listing proves the folder can be read, which stat alone does not.
    await (await opendir(real)).close();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return finding(
        check,
        'fail',
        `${path} does not exist`,
        'create it, or correct the folder in the server arguments.',
      );
    }
    return finding(
      check,
      'fail',
      `${path} cannot be read (${code ?? (error as Error).message})`,
      'give the user that runs the MCP client read access to it.',
    );
  }
  const via = real === path ? '' : ` (resolves to ${real})`;
  if (!isAbsolute(given)) {
    return finding(
      check,
      'warn',
      `readable here as ${path}${via}, but relative: the client resolves it against the folder it starts the server in`,
      'use an absolute path in the client config.',
    );
  }
  return finding(check, 'ok', `readable folder${via}`);
}

/** One row per allowed folder; a warning when there are none, since then every path is refused. */
export async function folderFindings(
  folders: readonly string[],
  cwd: string = process.cwd(),
): Promise<Finding[]> {
  if (folders.length === 0) {
    return [
      finding(
        'Folders',
        'warn',
        'none given: files can only come from folders the MCP client shares as roots',
        'pass the image folders as arguments, as in the client config: catalog-upload-mcp doctor /path/to/images',
      ),
    ];
  }
  return Promise.all(folders.map((folder) => folderFinding(folder, cwd)));
}
