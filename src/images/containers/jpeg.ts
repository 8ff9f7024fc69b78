import { ensure } from '../refusal.js';
import type { ByteSource } from '../source.js';

/** One marker segment before the first scan: `start` at its 0xFF, `end` just past its payload. */
export interface JpegSegment {
  marker: number;
  start: number;
  end: number;
  /** For APP1: what the identifier at the start of its payload says it holds. */
  holds?: 'exif' | 'xmp' | 'other';
}

export interface JpegLayout {
  segments: JpegSegment[];
  /** Where the first SOS segment starts; everything from here on is image data, kept as it is. */
  scanStart: number;
  width: number;
  height: number;
}

export const MARKER = { APP1: 0xe1, APP13: 0xed, COM: 0xfe, SOS: 0xda, EOI: 0xd9, SOI: 0xd8 };
export const EXIF_ID = 'Exif\0\0';
const XMP_IDS = ['http://ns.adobe.com/xap/1.0/\0', 'http://ns.adobe.com/xmp/extension/\0'];
const ID_BYTES = 35;
// Markers and fill bytes before the first scan; real files have tens.
const MAX_STEPS = 10_000;
// SOF0–SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frames.
const isFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
const standalone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);

const text = (bytes: Uint8Array) => String.fromCharCode(...bytes);

async function classifyApp1(source: ByteSource, payload: number, end: number): Promise<JpegSegment['holds']> {
  const id = text(await source.read(payload, Math.min(ID_BYTES, end - payload)));
  if (id.startsWith(EXIF_ID)) return 'exif';
  return XMP_IDS.some((xmp) => id.startsWith(xmp)) ? 'xmp' : 'other';
}

/** Walks the marker segments of a JPEG up to its first scan, reading only their headers. */
export async function scanJpeg(source: ByteSource): Promise<JpegLayout> {
  const soi = await source.read(0, 2);
  ensure(
    soi[0] === 0xff && soi[1] === MARKER.SOI,
    'jpeg',
    'it does not start with a JPEG start-of-image marker',
  );
  const segments: JpegSegment[] = [];
  let frame: { width: number; height: number } | undefined;
  let at = 2;
  for (let step = 0; ; step += 1) {
    ensure(step < MAX_STEPS, 'jpeg', `it has more than ${MAX_STEPS} markers before its image data`);
    const head = await source.read(at, 4);
    ensure(head.length === 4, 'jpeg', `it ends at byte ${source.size}, before any image data`);
    ensure(head[0] === 0xff, 'jpeg', `byte ${at} should start a marker segment but does not`);
    const marker = head[1] ?? 0;
    if (marker === 0xff) {
      at += 1; // a fill byte before the marker
      continue;
    }
    if (standalone(marker)) {
      at += 2;
      continue;
    }
    ensure(
      marker !== MARKER.EOI && marker !== MARKER.SOI,
      'jpeg',
      `it has an unexpected marker at byte ${at}`,
    );
    const length = ((head[2] ?? 0) << 8) | (head[3] ?? 0);
    const end = at + 2 + length;
    ensure(
      length >= 2 && end <= source.size,
      'jpeg',
      `the segment at byte ${at} runs past the end of the file`,
    );
    if (marker === MARKER.SOS) {
      ensure(frame !== undefined, 'jpeg', 'its image data starts before the frame header that sizes it');
      return { segments, scanStart: at, ...frame };
    }
    const segment: JpegSegment = { marker, start: at, end };
    if (marker === MARKER.APP1) segment.holds = await classifyApp1(source, at + 4, end);
    if (isFrame(marker) && frame === undefined) frame = await readFrame(source, at, end);
    segments.push(segment);
    at = end;
  }
}

async function readFrame(
  source: ByteSource,
  at: number,
  end: number,
): Promise<{ width: number; height: number }> {
  ensure(end - at >= 10, 'jpeg', `its frame header at byte ${at} is too short`);
  const bytes = await source.read(at + 5, 4);
  const height = ((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0);
  const width = ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0);
  return { width, height };
}
