import { dirname } from 'node:path';
import { downloadHttpsSource, SourceError, type AllowPrivate } from '../sources/index.js';
import { openImage, type ImageRule, type OpenedImage } from './open.js';
import { ACCEPTED_SOURCES } from './path-input.js';
import { FileRefusal } from './refusal.js';

export interface RemoteSources {
  /** False with URL_SOURCES=off: https:// paths are refused. */
  enabled: boolean;
  allowPrivate: AllowPrivate;
  userAgent: string;
}

/**
 * Downloads an https:// source to a private temporary file, then opens it like a local file: the same
 * type and size checks, streamed from the opened descriptor. Closing it removes the download.
 */
export async function openRemote(
  given: string,
  url: URL,
  rule: ImageRule,
  sources: RemoteSources,
  signal?: AbortSignal,
): Promise<OpenedImage> {
  if (!sources.enabled) {
    throw new FileRefusal(
      given,
      `is a URL, and URL sources are off here (URL_SOURCES=off). ${ACCEPTED_SOURCES}`,
    );
  }
  const download = await downloadHttpsSource(url.href, {
    maxBytes: rule.maxBytes,
    allowPrivate: sources.allowPrivate,
    userAgent: sources.userAgent,
    signal,
  }).catch((error: unknown) => {
    // A batch lists every refused path, downloads included.
    if (error instanceof SourceError)
      throw new FileRefusal(
        given,
        `could not be downloaded: ${error.reason}. Nothing was uploaded. ${error.fix}`,
      );
    throw error;
  });
  try {
    // The download's own private folder is the only place this file may be.
    const image = await openImage(given, download.path, rule, [dirname(download.path)]);
    return {
      ...image,
      fileName: download.fileName,
      close: async () => {
        await image.close();
        await download.cleanup();
      },
    };
  } catch (error) {
    await download.cleanup();
    throw error;
  }
}
