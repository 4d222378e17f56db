import { describe, expect, it } from '@jest/globals';
import { uuidv7 } from './uuid';

describe('uuidv7', () => {
  it('when made, then it is a version 7 UUID of the RFC variant holding the time in milliseconds', () => {
    const at = Date.UTC(2026, 11, 5, 9, 30, 0, 123);
    const id = uuidv7(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('when made in turn, then they sort by time and never repeat', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => uuidv7(1_700_000_000_000 + Math.floor(i / 100)));
    expect(new Set(ids).size).toBe(ids.length);
    const byTime = ids.map((id) => id.slice(0, 13));
    expect([...byTime].sort()).toEqual(byTime);
  });
});
