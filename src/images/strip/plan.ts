/** A run of the original file, or bytes made up for the stripped copy (a rewritten header). */
export type Piece = { kind: 'file'; start: number; end: number } | { kind: 'bytes'; data: Uint8Array };

/** The stripped image as an ordered list of pieces, with its exact length for Content-Length. */
export interface Plan {
  pieces: Piece[];
  bytes: number;
}

/** What stripping does to one file: the plan, and what it takes out. */
export interface StripResult {
  plan: Plan;
  /** True when the plan is not the file byte for byte. */
  changed: boolean;
  /** The contract's change names; `metadata_removed` when anything was taken out. */
  changes: 'metadata_removed'[];
  /** What was removed, for messages: `APP1 Exif`, `tEXt`, `XMP `…, in file order. */
  removed: string[];
}

/** Builds a plan from kept file ranges and inserted bytes, merging ranges that touch. */
export class PlanBuilder {
  private readonly pieces: Piece[] = [];
  private total = 0;

  keep(start: number, end: number): this {
    if (end <= start) return this;
    const last = this.pieces.at(-1);
    if (last?.kind === 'file' && last.end === start) last.end = end;
    else this.pieces.push({ kind: 'file', start, end });
    this.total += end - start;
    return this;
  }

  insert(data: Uint8Array): this {
    if (data.length === 0) return this;
    this.pieces.push({ kind: 'bytes', data });
    this.total += data.length;
    return this;
  }

  build(): Plan {
    return { pieces: this.pieces, bytes: this.total };
  }
}

/** The plan that sends the whole file as it is. */
export const wholeFile = (size: number): Plan => new PlanBuilder().keep(0, size).build();

export function stripResult(plan: Plan, removed: string[], size: number): StripResult {
  // A file with nothing to remove goes out byte for byte, never rebuilt.
  if (removed.length === 0) return { plan: wholeFile(size), changed: false, changes: [], removed };
  return { plan, changed: true, changes: ['metadata_removed'], removed };
}
