import { exifBlock } from '../containers/exif-blocks.js';
import { MARKER, scanJpeg, type JpegSegment } from '../containers/jpeg.js';
import type { ByteSource } from '../source.js';
import { keepsTurn, jpegOrientationSegment } from './orientation.js';
import { PlanBuilder, stripResult, type StripResult } from './plan.js';

function metadataName(segment: JpegSegment): string | undefined {
  if (segment.marker === MARKER.APP1 && segment.holds === 'exif') return 'APP1 Exif';
  if (segment.marker === MARKER.APP1 && segment.holds === 'xmp') return 'APP1 XMP';
  if (segment.marker === MARKER.APP13) return 'APP13 IPTC';
  return segment.marker === MARKER.COM ? 'COM' : undefined;
}

/**
 * Drops EXIF, XMP, IPTC and comment segments before the first scan; everything from the first scan on
 * is kept as it is. The first EXIF segment's orientation, if it turns the image, stays in a minimal one.
 */
export async function stripJpeg(source: ByteSource): Promise<StripResult> {
  const { segments, scanStart } = await scanJpeg(source);
  const builder = new PlanBuilder();
  const removed: string[] = [];
  let kept = 0;
  let turned = false;
  for (const segment of segments) {
    const name = metadataName(segment);
    if (name === undefined) continue;
    builder.keep(kept, segment.start);
    kept = segment.end;
    removed.push(name);
    if (segment.holds === 'exif' && !turned) {
      turned = true;
      const { orientation } = await exifBlock(source, segment.start + 4, segment.end);
      if (keepsTurn(orientation)) builder.insert(jpegOrientationSegment(orientation));
    }
  }
  builder.keep(kept, scanStart).keep(scanStart, source.size);
  return stripResult(builder.build(), removed, source.size);
}
