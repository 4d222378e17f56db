import { describe, expect, it } from '@jest/globals';
import { isValidUai, uaiCheckLetter } from './uai';

describe('UAI check letter', () => {
  it('when the digits are known real UAIs, then the letter matches', () => {
    // Lycée Louis-le-Grand (0750654D) and Lycée Henri-IV (0750699C).
    expect(uaiCheckLetter('0750654')).toBe('D');
    expect(isValidUai('0750654D')).toBe(true);
    expect(isValidUai('0750699C')).toBe(true);
  });

  it('when the letter is wrong, lower-case or the length is off, then it is refused', () => {
    expect(isValidUai('0750654E')).toBe(false);
    expect(isValidUai('0750654d')).toBe(false);
    expect(isValidUai('075065D')).toBe(false);
    expect(isValidUai('')).toBe(false);
  });

  it('when the remainder is 8, 13 or 15, then I, O and Q are skipped', () => {
    const letters = new Set<string>();
    for (let n = 0; n < 23; n += 1) letters.add(uaiCheckLetter(String(n).padStart(7, '0')));
    expect(letters.size).toBe(23);
    expect([...letters].some((l) => 'IOQ'.includes(l))).toBe(false);
  });
});
