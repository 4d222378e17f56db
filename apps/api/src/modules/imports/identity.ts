import { normalizeForSearch } from '@jasmin/shared/pupils/schemas';

/** Normalized, without spaces. */
function squash(s: string): string {
  return normalizeForSearch(s).replace(/ /g, '');
}

/**
 * Identity without an INE: normalized family name + first name + birth date (accents, case,
 * hyphens and spaces ignored). "Dupont-Lefèvre, Éloïse, 2008-03-14" → "dupontlefevre|eloise|2008-03-14".
 */
export function identityKey(familyName: string, firstName: string, birthDate: string): string {
  return `${squash(familyName)}|${squash(firstName)}|${birthDate}`;
}

/** The identity used by académie-wide data: the INE when known, else the identity key. */
export function recordIdentity(r: { ine: string | null; familyName: string; firstName: string; birthDate: string }): string {
  return r.ine ? `ine:${r.ine}` : `key:${identityKey(r.familyName, r.firstName, r.birthDate)}`;
}

/** Age in whole years at a date (both yyyy-mm-dd). */
export function ageAt(birthDate: Date, at: Date): number {
  let age = at.getUTCFullYear() - birthDate.getUTCFullYear();
  const beforeBirthday =
    at.getUTCMonth() < birthDate.getUTCMonth() ||
    (at.getUTCMonth() === birthDate.getUTCMonth() && at.getUTCDate() < birthDate.getUTCDate());
  if (beforeBirthday) age -= 1;
  return age;
}
