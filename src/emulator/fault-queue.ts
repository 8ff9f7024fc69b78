import type { Fault, Platform } from './types.js';

interface Pending {
  fault: Fault;
  remaining: number;
}

function validate(fault: Fault): void {
  const times = fault.times ?? 1;
  if (!Number.isInteger(times) || times < 1) throw new RangeError(`fault.times must be a positive integer`);
  if (fault.kind === 'slow' && !(fault.delayMs >= 0)) throw new RangeError('fault.delayMs must be >= 0');
  if (
    fault.kind === 'huge-body' &&
    fault.bytes !== undefined &&
    !(Number.isSafeInteger(fault.bytes) && fault.bytes >= 0)
  )
    throw new RangeError('fault.bytes must be a whole number >= 0, or left out for an endless body');
}

/** Faults wait in order; each request takes the first one that matches it. */
export class FaultQueue {
  private pending: Pending[] = [];

  inject(fault: Fault): void {
    validate(fault);
    this.pending.push({ fault, remaining: fault.times ?? 1 });
  }

  /** `uploadPath` marks Shopee's image upload, the only request a partial failure can apply to. */
  take(platform: Platform, method: string, uploadPath: boolean): Fault | undefined {
    const index = this.pending.findIndex(({ fault }) => {
      if (fault.platform !== platform) return false;
      if (fault.kind === 'partial-failure') return uploadPath;
      return fault.method === undefined || fault.method.toUpperCase() === method;
    });
    const entry = this.pending[index];
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.pending.splice(index, 1);
    return entry.fault;
  }

  clear(): void {
    this.pending = [];
  }
}
