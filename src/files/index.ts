import { BatchRefusal, FileRefusal } from './refusal.js';
import { openImage, type ImageRule, type OpenedImage } from './open.js';
import { resolveInsideRoots } from './resolve.js';
import type { AllowedRoots } from './roots.js';

export { AllowedRoots } from './roots.js';
export { BatchRefusal, FileRefusal } from './refusal.js';
export type { ImageRule, OpenedImage } from './open.js';

/** Local file access for the tools, confined to the allowed roots. */
export interface FileAccess {
  roots: AllowedRoots;
  /**
   * Resolves, opens and validates every path before anything is sent; one bad file refuses the whole
   * batch (listing every problem) and closes what was opened.
   */
  openImages(paths: readonly string[], rule: ImageRule): Promise<OpenedImage[]>;
}

export function createFileAccess(roots: AllowedRoots): FileAccess {
  return {
    roots,
    async openImages(paths, rule) {
      const [listed, real] = await Promise.all([roots.list(), roots.realRoots()]);
      const settled = await Promise.allSettled(
        paths.map(async (given) =>
          openImage(given, await resolveInsideRoots(given, listed, real), rule, real),
        ),
      );
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
