import { describe, expect, it } from 'vitest';
import { addDays, isIsoDate, mondayOf, todayIn } from './dates';

describe('dates', () => {
  it('finds the Monday of a week and adds days across months', () => {
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
  });

  it('computes today in the profile time zone', () => {
    const instant = new Date('2026-11-24T23:30:00Z');
    expect(todayIn('UTC', instant)).toBe('2026-11-24');
    expect(todayIn('Asia/Tokyo', instant)).toBe('2026-11-25');
  });

  it('validates ISO dates', () => {
    expect(isIsoDate('2026-11-24')).toBe(true);
    expect(isIsoDate('24/11/2026')).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });
});
