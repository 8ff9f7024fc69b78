import { opendir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { row, type Row } from './row.js';

async function folderRow(given: string, cwd: string): Promise<Row> {
  const check = `Folder ${given}`;
  const path = resolve(cwd, given);
  let real: string;
  try {
    real = await realpath(path);
    if (!(await stat(real)).isDirectory()) {
      return row(check, 'fail', `${path} is a file, not a folder`, 'give the folder that holds the images.');
    }
    // Opening the listing proves the folder can be read, which stat alone does not.
    await (await opendir(real)).close();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return row(
        check,
        'fail',
        `${path} does not exist`,
        'create it, or correct the folder in the server arguments.',
      );
    }
    return row(
      check,
      'fail',
      `${path} cannot be read (${code ?? (error as Error).message})`,
      'give the user that runs the MCP client read access to it.',
    );
  }
  const via = real === path ? '' : ` (resolves to ${real})`;
  if (!isAbsolute(given)) {
    return row(
      check,
      'warn',
      `readable here as ${path}${via}, but relative: the client resolves it against the folder it starts the server in`,
      'use an absolute path in the client config.',
    );
  }
  return row(check, 'ok', `readable folder${via}`);
}

/** One row per allowed folder; a warning when there are none, since then every path is refused. */
export async function folderRows(folders: readonly string[], cwd: string = process.cwd()): Promise<Row[]> {
  if (folders.length === 0) {
    return [
      row(
        'Folders',
        'warn',
        'none given: files can only come from folders the MCP client shares as roots',
        'pass the image folders as arguments, as in the client config: catalog-upload-mcp doctor /path/to/images',
      ),
    ];
  }
  return Promise.all(folders.map((folder) => folderRow(folder, cwd)));
}
