import type { Stats } from 'node:fs';
import { FileRefusal } from './refusal.js';

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** The refusal for anything but a regular file, naming what it is instead. */
export function notAFile(given: string, stats: Stats): FileRefusal {
  return new FileRefusal(given, `is ${kindOf(stats)}, not an image file. Give the path of a file.`);
}
