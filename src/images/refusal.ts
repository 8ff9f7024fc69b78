import { FORMAT_LABEL, type ImageFormat } from '../files/sniff.js';

const STRIP_FIX =
  'Re-save the image in an image editor (or export it again), or pass strip_metadata: false to send it byte for byte.';

/**
 * An image whose structure cannot be walked: nothing is stripped or sent from it. `problem` says what
 * is wrong, `fix` what the agent can do; the message joins both for the model to act on.
 */
export class ImageStructureError extends Error {
  override readonly name = 'ImageStructureError';
  constructor(
    readonly type: ImageFormat,
    readonly problem: string,
    readonly fix: string = STRIP_FIX,
  ) {
    super(`This ${FORMAT_LABEL[type]} file cannot be read safely: ${problem}. ${fix}`);
  }
}

/** Throws the refusal for `type` unless `condition` holds. */
export function ensure(condition: boolean, type: ImageFormat, problem: string): asserts condition {
  if (!condition) throw new ImageStructureError(type, problem);
}

/** Runs a header walk; a field read out of range (DataView's RangeError) means a damaged file too. */
export async function walking<T>(type: ImageFormat, walk: () => Promise<T>): Promise<T> {
  try {
    return await walk();
  } catch (error) {
    if (error instanceof RangeError)
      throw new ImageStructureError(type, 'a header field points outside the file');
    throw error;
  }
}
