/** An image fit cannot prepare: `problem` says why, `fix` what the agent can do. */
export class FitError extends Error {
  override readonly name = 'FitError';
  constructor(
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`Cannot prepare this image: ${problem}. ${fix}`);
  }
}
