import { parseDurationSeconds } from '../../src/lib/duration';
import { toIsoTimestamp } from '../../src/lib/timestamp';

describe('toIsoTimestamp', () => {
  it.each([
    ['2026-11-28 04:11:37.123456+00', '2026-11-28T04:11:37.123Z'],
    ['2026-11-28 04:11:37.1+00', '2026-11-28T04:11:37.100Z'],
    ['2026-11-28 04:11:37+00', '2026-11-28T04:11:37.000Z'],
    ['2026-11-28 06:11:37.5+02', '2026-11-28T04:11:37.500Z'],
  ])('%s → %s', (input, expected) => {
    expect(toIsoTimestamp(input)).toBe(expected);
  });
});

describe('parseDurationSeconds', () => {
  it.each([
    ['900', 900],
    ['45s', 45],
    ['30m', 1800],
    ['12h', 43200],
    ['7d', 604800],
  ])('%s → %i', (input, expected) => {
    expect(parseDurationSeconds(input)).toBe(expected);
  });

  it.each(['', '1w', '-5', '1.5h', 'h'])('rejects %j', (input) => {
    expect(parseDurationSeconds(input)).toBeUndefined();
  });
});
