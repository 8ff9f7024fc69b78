/** How much of a given path a refusal repeats: enough to recognise it, never a 200 kB `data:` value. */
export const SHOWN_PATH_CHARS = 200;

/**
 * The given path as a refusal quotes it: cut short, and on one line, since it is pasted into text an
 * agent reads as the server's own words.
 */
export function shownPath(path: string): string {
  // Counted in characters (code points), so the cut never splits one; each is at most two UTF-16 units.
  const head = Array.from(path.slice(0, (SHOWN_PATH_CHARS + 1) * 2));
  const cut = head.length > SHOWN_PATH_CHARS ? `${head.slice(0, SHOWN_PATH_CHARS).join('')}…` : path;
  return cut.replace(/[\p{Cc}\u2028\u2029]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A file the server will not read, with the reason and the fix, written for the agent to act on. */
export class FileRefusal extends Error {
  override readonly name = 'FileRefusal';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`Cannot use "${shownPath(path)}": ${reason}`);
  }
}

/** Several files of one batch refused at once, so the agent can fix them all in one go. */
export class BatchRefusal extends Error {
  override readonly name = 'BatchRefusal';
  constructor(
    readonly refusals: readonly FileRefusal[],
    total: number,
  ) {
    super(
      `Nothing was uploaded: ${refusals.length} of ${total} files were refused.\n` +
        refusals.map((r) => `- ${r.message}`).join('\n'),
    );
  }
}
