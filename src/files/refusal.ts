/** A file the server will not read, with the reason and the fix, written for the agent to act on. */
export class FileRefusal extends Error {
  override readonly name = 'FileRefusal';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`Cannot use "${path}": ${reason}`);
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
