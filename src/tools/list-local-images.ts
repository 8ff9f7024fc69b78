import { stat } from 'node:fs/promises';
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { FileAccess } from '../files/index.js';
import { classifyPathInput } from '../files/path-input.js';
import { FileRefusal } from '../files/refusal.js';
import { resolveLocalPath } from '../files/resolve.js';
import { fitsAsIs } from '../images/fits.js';
import { walkImages, type FoundImage } from '../images/walk.js';
import { toolResult } from './result.js';
import { expecting } from './schemas.js';

const MAX_LIMIT = 1000;

const inputSchema = z.object({
  folder: z
    .string(expecting('folder', "a folder's path as a string"))
    .min(1, 'folder cannot be empty: leave it out to list every allowed folder')
    .optional()
    .describe('Absolute, or relative to an allowed folder; default: every allowed folder'),
  recursive: z
    .boolean({ error: 'recursive must be true or false (or left out)' })
    .optional()
    .describe('Look in subfolders too (default true)'),
  limit: z
    .number({ error: `limit must be a whole number from 1 to ${MAX_LIMIT}` })
    .int(`limit must be a whole number from 1 to ${MAX_LIMIT}`)
    .min(1, 'limit must be at least 1')
    .max(MAX_LIMIT, `limit is at most ${MAX_LIMIT}`)
    .optional()
    .describe('Images to list at most (default 200)'),
});

const outputSchema = z.object({
  images: z
    .array(
      z.object({
        path: z.string(),
        type: z.enum(['jpeg', 'png', 'webp', 'heic', 'avif', 'gif', 'tiff', 'bmp']),
        bytes: z.number(),
        width: z.number(),
        height: z.number(),
        has_location: z.boolean(),
        fits: z
          .object({ shopee: z.boolean(), tracepass: z.boolean() })
          .describe('Sent as is (metadata stripped) without fit: true'),
      }),
    )
    .describe('Sorted by path'),
  truncated: z
    .boolean()
    .describe('More images (or entries) than were looked at: narrow folder or raise limit'),
});

/** The folder to list, resolved inside the roots with the same refusals as a file path. */
async function folderToList(files: FileAccess, folder: string): Promise<string> {
  const input = classifyPathInput(folder);
  if (input.kind === 'refused') throw input.refusal;
  if (input.kind === 'https') throw new FileRefusal(folder, 'is a URL; give a local folder.');
  const [listed, real] = await Promise.all([files.roots.list(), files.roots.realRoots()]);
  const path = await resolveLocalPath(folder, input.path, listed, real);
  if (!(await stat(path)).isDirectory()) {
    throw new FileRefusal(folder, 'is a file, not a folder. Give the folder that holds it.');
  }
  return path;
}

const toWire = (image: FoundImage) => ({
  path: image.path,
  type: image.type,
  bytes: image.bytes,
  width: image.width,
  height: image.height,
  has_location: image.hasLocation,
  // Stripping is the upload tools' default, so what counts is the stripped size.
  fits: fitsAsIs(image, image.strippedBytes ?? image.bytes),
});

export function registerListLocalImages(server: McpServer, files: FileAccess): void {
  server.registerTool(
    'list_local_images',
    {
      title: 'List the images in the allowed folders',
      description:
        'Find images (by their bytes, any name) in the allowed folders: type, size, dimensions, whether they ' +
        'carry a GPS location, and whether Shopee and TracePass take them without fit. Reads headers only.',
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ folder, recursive, limit }) => {
      const roots = await files.roots.realRoots();
      const folders = folder === undefined ? undefined : [await folderToList(files, folder)];
      const found = await walkImages({ roots, folders, recursive: recursive ?? true, limit: limit ?? 200 });
      const images = found.images.map(toWire);
      const summary = [
        `Found ${images.length} image(s)${found.truncated ? ' (more were not listed: narrow the folder or raise limit)' : ''}.`,
        ...images.map(
          (i) =>
            `- ${i.path} (${i.type}, ${i.width}×${i.height}, ${i.bytes.toLocaleString('en-US')} bytes` +
            `${i.has_location ? ', has GPS location' : ''}; Shopee ${i.fits.shopee ? 'ok' : 'needs fit'}, ` +
            `TracePass ${i.fits.tracepass ? 'ok' : 'needs fit'})`,
        ),
      ].join('\n');
      return toolResult(outputSchema, { images, truncated: found.truncated }, summary);
    },
  );
}
