/** Small value rules shared by the SIECLE and CSV parsers. */

/** INE since 2018 (9 digits + 2 letters) and the older form (10 digits or underscores + 1 letter). */
const INE_PATTERNS = [/^[0-9]{9}[A-Z]{2}$/, /^[0-9_]{10}[A-Z]$/];

const ANY_SPACE = /\s/;

/** Trimmed text with inner runs of spaces collapsed; accents and case kept. Null when empty. */
export function cleanText(raw: string | undefined | null): string | null {
  if (raw === undefined || raw === null) return null;
  // Most values (names, codes, phone numbers) hold no white space: one search, no new string.
  if (!ANY_SPACE.test(raw)) return raw === '' ? null : raw;
  const text = raw.replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}

/** The INE as compared and stored: no spaces, upper case. */
export function normalizeIne(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

export function isValidIne(ine: string): boolean {
  return INE_PATTERNS.some((pattern) => pattern.test(ine));
}

/**
 * A calendar date written dd/mm/yyyy (SIECLE, French spreadsheets) or yyyy-mm-dd, as ISO
 * yyyy-mm-dd; null when the text is not such a date or names a day that does not exist (31/02).
 */
export function parseDay(raw: string): string | null {
  const text = raw.trim();
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (french) return isoDay(Number(french[3]), Number(french[2]), Number(french[1]));
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) return isoDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  return null;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isoDay(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const lastDay = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (day > lastDay) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Text folded for comparisons that ignore accents, case, spaces, underscores, dashes and dots. */
export function foldKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s_\-.'’()]/g, '');
}
