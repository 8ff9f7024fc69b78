import { afterEach, beforeEach } from 'vitest';
import { AllowedRoots, createFileAccess, type FileAccess, type ImageRule } from '../../../src/files/index.js';
import { makeWorkspace, type Workspace } from '../../helpers/fixtures.js';

// The platforms' rules as the file layer sees them, kept here so these tests do not depend on the
// platform clients.
export const SHOPEE_RULE: ImageRule = {
  platform: 'Shopee',
  accept: ['jpeg', 'png'],
  maxBytes: 10 * 1024 * 1024,
};
export const TRACEPASS_RULE: ImageRule = {
  platform: 'TracePass',
  accept: ['jpeg', 'png', 'webp'],
  maxBytes: 5 * 1024 * 1024,
};

/** A fresh workspace for each test, and file access confined to its root. */
export function useWorkspace(): { ws: Workspace; files: FileAccess } {
  const context = {} as { ws: Workspace; files: FileAccess };
  beforeEach(() => {
    context.ws = makeWorkspace();
    context.files = createFileAccess(new AllowedRoots([context.ws.root]));
  });
  afterEach(() => context.ws.cleanup());
  return context;
}

/** 'opened' (and closed again), or the refusal's text. */
export function outcome(files: FileAccess, path: string, rule = SHOPEE_RULE): Promise<string> {
  return files.openImages([path], rule).then(
    async (images) => {
      await Promise.all(images.map((image) => image.close()));
      return 'opened';
    },
    (error: Error) => error.message,
  );
}
