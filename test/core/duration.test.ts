import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/core/duration.ts';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

describe('durations', () => {
  describe('parsing', () => {
    const valid: [string, number][] = [
      ['30s', 30 * SECOND],
      ['15m', 15 * MINUTE],
      ['4h', 4 * HOUR],
      ['2d', 2 * DAY],
      ['1w', WEEK],
      ['1h30m', HOUR + 30 * MINUTE],
      ['1w2d3h4m5s', WEEK + 2 * DAY + 3 * HOUR + 4 * MINUTE + 5 * SECOND],
      ['30m1h', HOUR + 30 * MINUTE],
      ['1h1h', 2 * HOUR],
      ['0s', 0],
      ['007m', 7 * MINUTE],
      ['90m', 90 * MINUTE],
    ];
    it.each(valid)('reads %s as %d ms', (text, ms) => {
      expect(parseDuration(text)).toBe(ms);
    });

    const invalid: [string, string][] = [
      ['', 'nothing'],
      ['h', 'a unit without a number'],
      ['4', 'a number without a unit'],
      ['4H', 'an upper-case unit'],
      ['-1h', 'a negative number'],
      ['1.5h', 'a fraction'],
      ['4 h', 'a space between number and unit'],
      [' 4h', 'leading space'],
      ['4h ', 'trailing space'],
      ['4y', 'an unknown unit'],
      ['4ms', 'milliseconds'],
      ['PT4H', 'ISO-8601'],
      ['99999999999999999999w', 'a number too large to be exact'],
      [`${Number.MAX_SAFE_INTEGER}s`, 'milliseconds beyond the safe integers'],
    ];
    it.each(invalid)('refuses %j (%s)', (text) => {
      expect(parseDuration(text)).toBeUndefined();
    });
  });

  describe('formatting', () => {
    const rows: [number, string][] = [
      [0, '0s'],
      [-5 * MINUTE, '0s'],
      [400, '0s'],
      [1_500, '2s'],
      [30 * SECOND, '30s'],
      [90 * MINUTE, '1h30m'],
      [4 * HOUR, '4h'],
      [DAY, '1d'],
      [8 * DAY, '1w1d'],
      [WEEK + DAY + HOUR + MINUTE + SECOND, '1w1d1h1m1s'],
    ];
    it.each(rows)('writes %d ms as %s', (ms, text) => {
      expect(formatDuration(ms)).toBe(text);
    });

    it('writes every whole number of seconds so that parsing gives it back', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (seconds) => {
          expect(parseDuration(formatDuration(seconds * SECOND))).toBe(seconds * SECOND);
        }),
      );
    });
  });
});
