/**
 * UAI (Unité administrative immatriculée, formerly RNE): 7 digits and a check letter.
 * The letter is the 7-digit number modulo 23, indexing this alphabet (no I, O, Q).
 */
const UAI_ALPHABET = 'ABCDEFGHJKLMNPRSTUVWXYZ';

export function uaiCheckLetter(digits: string): string {
  if (!/^[0-9]{7}$/.test(digits)) throw new Error('Un UAI commence par 7 chiffres.');
  return UAI_ALPHABET.charAt(Number(digits) % 23);
}

export function isValidUai(value: string): boolean {
  const match = /^([0-9]{7})([A-Z])$/.exec(value);
  return match !== null && uaiCheckLetter(match[1] ?? '') === match[2];
}
