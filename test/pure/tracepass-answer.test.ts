import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tracepassFailure, untilUtcMidnight } from '../../src/platforms/tracepass/answer.js';

const at = (iso: string) => Date.parse(iso);

describe('untilUtcMidnight', () => {
  it.each([
    ['2026-03-10T23:59:30.000Z', '0 h 1 min'],
    ['2026-03-10T23:59:59.999Z', '0 h 1 min'],
    ['2026-03-10T23:59:00.000Z', '0 h 1 min'],
    ['2026-03-10T23:58:59.000Z', '0 h 2 min'],
    ['2026-03-10T23:00:00.000Z', '1 h 0 min'],
    ['2026-03-10T22:59:00.000Z', '1 h 1 min'],
    ['2026-03-10T12:34:56.000Z', '11 h 26 min'],
    ['2026-03-10T00:00:00.000Z', '24 h 0 min'],
    ['2026-03-10T00:00:00.001Z', '24 h 0 min'],
    ['2026-03-10T00:01:00.000Z', '23 h 59 min'],
    ['2026-12-31T18:30:00.000Z', '5 h 30 min'],
  ])('at %s says %s, rounding part of a minute up', (now, expected) => {
    expect(untilUtcMidnight(at(now))).toBe(expected);
  });

  describe('on a server whose local midnight is not UTC midnight', () => {
    // On a machine set to UTC, local and UTC midnight coincide and a mix-up would go unseen.
    const saved = process.env.TZ;
    beforeAll(() => {
      process.env.TZ = 'Asia/Kolkata'; // UTC+5:30, no daylight saving
    });
    afterAll(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    it('still counts to midnight UTC', () => {
      expect(new Date(at('2026-03-10T12:34:56Z')).getHours()).toBe(18);
      expect(untilUtcMidnight(at('2026-03-10T12:34:56Z'))).toBe('11 h 26 min');
      expect(untilUtcMidnight(at('2026-03-10T20:00:00Z'))).toBe('4 h 0 min');
    });
  });
});

describe("TracePass's daily budget (429)", () => {
  it('says exactly when it resets, from the injected clock', () => {
    const res = {
      status: 429,
      headers: {},
      text: '',
      json: { error: 'Daily request budget exhausted. Resets at 00:00 UTC.' },
    };
    const ctx = { productId: '6650a1b2c3d4e5f6a7b8c9d0', action: 'read product 6650a1b2c3d4e5f6a7b8c9d0' };
    const error = tracepassFailure(res, ctx, at('2026-03-10T23:59:30Z'));
    expect(error.detail).toBe(
      'TracePass could not read product 6650a1b2c3d4e5f6a7b8c9d0 ' +
        '(HTTP 429: "Daily request budget exhausted. Resets at 00:00 UTC.").',
    );
    expect(error.fix).toBe(
      "TracePass's daily API budget is used up; it resets at 00:00 UTC (in 0 h 1 min). " +
        'Try again after that; retrying now will not help.',
    );
  });
});
