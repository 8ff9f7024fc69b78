import { open, type FileHandle } from 'node:fs/promises';
import { estimateFit, FitError, fitImage, MAX_FIT_INPUT_BYTES, type FitEstimate } from '../images/fit.js';
import { inspectImage } from '../images/inspect.js';
import { ImageStructureError } from '../images/refusal.js';
import { planStrip, streamPlan, type StripResult } from '../images/strip.js';
import type { ImageRule, OpenedImage, Prepared } from './open.js';
import { readRange } from './range.js';
import { FileRefusal } from './refusal.js';
import { FORMAT_LABEL, isImageType, LABEL, MIME, type ImageFormat, type ImageType } from './sniff.js';

/** An opened, located regular file whose type was read from its first bytes. */
export interface CheckedFile {
  given: string;
  fileName: string;
  handle: FileHandle;
  size: number;
  format: ImageFormat | undefined;
}

export const formatBytes = (bytes: number) => `${bytes.toLocaleString('en-US')} bytes`;

export const accepted = (rule: ImageRule): string => {
  const labels = rule.accept.map((type) => LABEL[type]);
  return labels.length > 1 ? `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}` : labels.join('');
};

const FIT_HINT = 'or pass fit: true to have it prepared on upload.';
// iPhones save HEIC unless the camera is set to save JPEG.
const HEIC_HINT = ' On an iPhone, Settings > Camera > Formats > "Most Compatible" saves new photos as JPEG.';

/** The largest file looked at: stripping or fitting may bring a larger file under the platform's limit. */
export const inputCap = (rule: ImageRule): number =>
  rule.fit || rule.strip ? Math.max(rule.maxBytes, MAX_FIT_INPUT_BYTES) : rule.maxBytes;

export function tooBig(given: string, rule: ImageRule, bytes: number, sent = bytes): FileRefusal {
  const after = sent === bytes ? '' : ` (${formatBytes(sent)} without its metadata)`;
  return new FileRefusal(
    given,
    `is ${formatBytes(bytes)}${after}; ${rule.platform} accepts at most ${formatBytes(rule.maxBytes)} ` +
      `(${rule.maxBytes / 1024 / 1024} MB) per image. Resize or recompress it first${rule.fit ? '.' : `, ${FIT_HINT}`}`,
  );
}

function wrongType(given: string, rule: ImageRule, format: ImageFormat | undefined): FileRefusal {
  const expected = accepted(rule);
  if (format === undefined) {
    return new FileRefusal(
      given,
      `is not a ${expected} image (its first bytes say so, whatever its name). Export it as ${expected}.`,
    );
  }
  return new FileRefusal(
    given,
    `is a ${FORMAT_LABEL[format]} image; ${rule.platform} accepts only ${expected}. Convert it first, ` +
      `${FIT_HINT}${format === 'heic' ? HEIC_HINT : ''}`,
  );
}

async function planOrRefuse(file: CheckedFile, type: ImageType): Promise<StripResult> {
  try {
    return await planStrip(file.handle, file.size, type);
  } catch (error) {
    if (error instanceof ImageStructureError) throw new FileRefusal(file.given, error.message);
    throw error;
  }
}

const preparedOf = (from: ImageFormat, fromBytes: number, fit: FitEstimate): Prepared => ({
  from_type: from,
  from_bytes: fromBytes,
  to_type: fit.type,
  to_bytes: fit.bytes,
  width: fit.width,
  height: fit.height,
  changes: fit.changes,
});

/** Decodes and re-encodes the file into a private copy the platform takes; a dry run only estimates it. */
async function fitted(file: CheckedFile, format: ImageFormat, rule: ImageRule): Promise<OpenedImage> {
  const source = { handle: file.handle, size: file.size, name: file.fileName };
  try {
    if (rule.dryRun) {
      const estimate = await estimateFit(source, rule);
      return {
        path: file.given,
        fileName: estimate.fileName,
        size: estimate.bytes,
        type: estimate.type,
        mime: MIME[estimate.type],
        prepared: preparedOf(format, file.size, estimate),
        estimated: true,
        stream: () => {
          throw new Error('A dry run sends nothing.');
        },
        close: () => file.handle.close(),
      };
    }
    const fit = await fitImage(source, rule);
    const handle = await open(fit.path).catch(async (error: unknown) => {
      await fit.cleanup();
      throw error;
    });
    await file.handle.close();
    return {
      path: file.given,
      fileName: fit.fileName,
      size: fit.bytes,
      type: fit.type,
      mime: MIME[fit.type],
      prepared: preparedOf(format, file.size, fit),
      stream: () => readRange(handle, fit.bytes, file.given),
      close: async () => {
        await handle.close();
        await fit.cleanup();
      },
    };
  } catch (error) {
    if (error instanceof FitError) throw new FileRefusal(file.given, error.message);
    throw error;
  }
}

/**
 * Decides what is sent for a checked file: the file itself, its metadata-free plan (streamed from the
 * same descriptor, with its exact length), or with `fit` a prepared copy. The platform's size limit
 * applies to the bytes that would be sent. The caller closes `file.handle` if this throws.
 */
export async function prepareImage(file: CheckedFile, rule: ImageRule): Promise<OpenedImage> {
  const { format } = file;
  if (format === undefined || !isImageType(format) || !rule.accept.includes(format)) {
    if (rule.fit && format !== undefined) return fitted(file, format, rule);
    throw wrongType(file.given, rule, format);
  }
  const strip = rule.strip ? await planOrRefuse(file, format) : undefined;
  const bytes = strip?.plan.bytes ?? file.size;
  if (bytes > rule.maxBytes) {
    if (rule.fit) return fitted(file, format, rule);
    throw tooBig(file.given, rule, file.size, bytes);
  }
  const base = { path: file.given, fileName: file.fileName, size: bytes, type: format, mime: MIME[format] };
  const close = () => file.handle.close();
  if (strip === undefined || !strip.changed) {
    return { ...base, stream: () => readRange(file.handle, bytes, file.given), close };
  }
  const info = await inspectImage(file.handle, file.size).catch(() => undefined);
  const prepared: Prepared = {
    from_type: format,
    from_bytes: file.size,
    to_type: format,
    to_bytes: bytes,
    width: info?.width ?? 0,
    height: info?.height ?? 0,
    changes: strip.changes,
  };
  return { ...base, prepared, stream: () => streamPlan(file.handle, strip.plan), close };
}
