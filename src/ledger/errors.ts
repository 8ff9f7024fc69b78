/** withLock gave up waiting: another call is still uploading the same bytes to the same product. */
export class LedgerBusyError extends Error {
  override readonly name = 'LedgerBusyError';
  constructor(
    readonly productId: string,
    readonly waitedMs: number,
  ) {
    super(
      `Another call is still uploading the same image to product ${productId} ` +
        `(waited ${Math.round(waitedMs / 1000)} s): try again once it has finished.`,
    );
  }
}
