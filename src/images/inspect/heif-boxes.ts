/** An ISO-BMFF box inside a buffer: `start` at its size field, `body` after its header. */
export interface Box {
  type: string;
  start: number;
  body: number;
  end: number;
}

/** The boxes laid one after another in `bytes` from `from` to `to`; a box overrunning `to` ends the list. */
export function boxes(bytes: Uint8Array, from: number, to: number): Box[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found: Box[] = [];
  for (let at = from; at + 8 <= to;) {
    let size = view.getUint32(at);
    let body = at + 8;
    if (size === 1) {
      if (at + 16 > to) break;
      size = Number(view.getBigUint64(at + 8));
      body = at + 16;
    } else if (size === 0) size = to - at;
    if (size < body - at || at + size > to) break;
    found.push({
      type: String.fromCharCode(...bytes.subarray(at + 4, at + 8)),
      start: at,
      body,
      end: at + size,
    });
    at += size;
  }
  return found;
}

/** Reads big-endian unsigned integers of 0, 1, 2, 3, 4 or 8 bytes from a cursor that refuses to overrun. */
export class Cursor {
  private readonly view: DataView;
  constructor(
    bytes: Uint8Array,
    public at: number,
    private readonly end: number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  uint(size: number): number {
    if (this.at + size > this.end) throw new RangeError('box ends early');
    const at = this.at;
    this.at += size;
    if (size === 0) return 0;
    if (size === 1) return this.view.getUint8(at);
    if (size === 2) return this.view.getUint16(at);
    if (size === 3) return (this.view.getUint8(at) << 16) | this.view.getUint16(at + 1);
    if (size === 4) return this.view.getUint32(at);
    if (size === 8) return Number(this.view.getBigUint64(at));
    throw new RangeError(`unsupported field size ${size}`);
  }

  fourcc(): string {
    return String.fromCharCode(this.uint(1), this.uint(1), this.uint(1), this.uint(1));
  }
}
