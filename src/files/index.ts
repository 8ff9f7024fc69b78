import { BatchRefusal, FileRefusal } from './refusal.js';
import { openImage, type ImageRule, type OpenedImage } from './open.js';
import { classifyPathInput } from './path-input.js';
import { openRemote, type RemoteSources } from './remote.js';
import { resolveLocalPath } from './resolve.js';
import type { AllowedRoots } from './roots.js';

export { AllowedRoots } from './roots.js';
export { BatchRefusal, FileRefusal } from './refusal.js';
export type { ImageRule, OpenedImage } from './open.js';
export type { RemoteSources } from './remote.js';

/** Local file access for the tools, confined to the allowed roots. */
export interface FileAccess {
  roots: AllowedRoots;
  /**
   * Resolves, opens and validates every path before anything is sent; one bad file refuses the whole
   * batch (listing every problem) and closes what was opened.
   */
  openImages(
    paths: readonly string[],
    rule: ImageRule,
    options?: { signal?: AbortSignal },
  ): Promise<OpenedImage[]>;
}

const NO_SOURCES: RemoteSources = { enabled: false, allowPrivate: false, userAgent: 'catalog-upload-mcp' };

export function createFileAccess(roots: AllowedRoots, sources: RemoteSources = NO_SOURCES): FileAccess {
  return {
    roots,
    async openImages(paths, rule, { signal } = {}) {
      const [listed, real] = await Promise.all([roots.list(), roots.realRoots()]);
      const openOne = async (given: string) => {
        const input = classifyPathInput(given);
        if (input.kind === 'refused') throw input.refusal;
        if (input.kind === 'https') return openRemote(given, input.url, rule, sources, signal);
        return openImage(given, await resolveLocalPath(given, input.path, listed, real), rule, real);
      };
      // Every path is opened (and every download finished) before anything is sent.
      const settled = await Promise.allSettled(paths.map(openOne));
      const opened = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      const problems = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
      if (problems.length === 0) return opened;

      await closeAll(opened);
      const refusals = problems.filter((p): p is FileRefusal => p instanceof FileRefusal);
      if (refusals.length < problems.length) throw problems.find((p) => !(p instanceof FileRefusal));
      if (paths.length === 1 && refusals[0]) throw refusals[0];
      throw new BatchRefusal(refusals, paths.length);
    },
  };
}

export async function closeAll(images: readonly OpenedImage[]): Promise<void> {
  await Promise.allSettled(images.map((image) => image.close()));
}
