// Text as the PDF's built-in Helvetica can print it, dates as French readers write them, and
// file names that every browser and operating system accept.

/**
 * The characters of WinAnsiEncoding (the encoding of the PDF's built-in fonts) above ASCII:
 * Latin-1 (é è à ç « » …) plus the 0x80–0x9F block (€ œ Œ ’ “ ” – — … Š Ÿ).
 */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

function isWinAnsi(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  if (code === 0x09 || code === 0x0a) return true;
  if (code >= 0x20 && code <= 0x7e) return true;
  if (code >= 0xa0 && code <= 0xff) return true;
  return WIN_ANSI_EXTRA.has(ch);
}

/** Stand-ins for common characters outside WinAnsi, read the same way on paper. */
const REPLACEMENTS: Record<string, string> = {
  '\u2192': '->', // →
  '\u2190': '<-', // ←
  '\u21d2': '=>', // ⇒
  '\u2194': '<->', // ↔
  '\u2264': '<=', // ≤
  '\u2265': '>=', // ≥
  '\u2260': '!=', // ≠
  '\u2212': '-', // − (minus)
  '\u2010': '-', // hyphen
  '\u2011': '-', // non-breaking hyphen
  '\u2012': '-', // figure dash
  '\u2043': '-', // hyphen bullet
  '\u2032': "'", // ′
  '\u2033': '"', // ″
  '\u202f': '\u00a0', // narrow no-break space (French typography before ; : ! ?) → no-break space
  '\u2009': ' ', // thin space
  '\u200a': ' ', // hair space
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2007': ' ',
  '\u2008': ' ',
  '\u200b': '', // zero-width space
  '\u200c': '',
  '\u200d': '',
  '\u2060': '',
  '\ufeff': '',
  '\u0141': 'L', // Ł
  '\u0142': 'l', // ł
  '\u0110': 'D', // Đ
  '\u0111': 'd', // đ
  '\u0131': 'i', // dotless ı
  '\u0130': 'I', // İ
  '\u1e9e': 'SS', // ẞ
  '\u2116': 'No', // №
};

/**
 * Makes free text printable with the built-in fonts: WinAnsi characters are kept as they are
 * (é è à ç œ « » € ’ …), other letters lose their accents when that gives a Latin letter
 * (ł → l, ş → s, ễ → e), arrows and signs get an ASCII stand-in, control characters become
 * spaces, and anything else (emoji, other scripts) becomes « ? » rather than a wrong glyph.
 */
export function pdfSafe(text: string | null | undefined): string {
  if (!text) return '';
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (isWinAnsi(ch)) {
      out += ch;
      continue;
    }
    const replacement = REPLACEMENTS[ch];
    if (replacement !== undefined) {
      out += replacement;
      continue;
    }
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0) || code === 0x2028 || code === 0x2029) {
      out += code === 0x0d ? '' : code === 0x2028 || code === 0x2029 ? '\n' : ' ';
      continue;
    }
    // Variation selectors and combining marks left alone (after NFC) carry nothing printable.
    if ((code >= 0xfe00 && code <= 0xfe0f) || (code >= 0x0300 && code <= 0x036f)) continue;
    const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    out += base && [...base].every(isWinAnsi) ? base : '?';
  }
  return out;
}

/** Only ASCII letters, digits and hyphens: for the plain `filename` of a download. */
export function asciiSlug(text: string): string {
  return pdfSafe(text)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[œŒæÆ]/g, (c) => ({ œ: 'oe', Œ: 'OE', æ: 'ae', Æ: 'AE' })[c] ?? '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A file name slug that keeps accented letters (for RFC 5987 `filename*`). */
function unicodeSlug(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * `Content-Disposition: attachment` with an ASCII `filename` every client understands and the
 * exact UTF-8 name in `filename*` (RFC 6266 / RFC 5987) for those that read it.
 * `parts` are joined with « _ »; each is reduced to letters, digits and hyphens.
 */
export function attachmentDisposition(
  parts: string[],
  extension = 'pdf',
): { header: string; asciiName: string; utf8Name: string } {
  const asciiName = `${parts.map(asciiSlug).filter(Boolean).join('_') || 'document'}.${extension}`;
  const utf8Name = `${parts.map(unicodeSlug).filter(Boolean).join('_') || 'document'}.${extension}`;
  const encoded = encodeURIComponent(utf8Name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return {
    header: `attachment; filename="${asciiName}"; filename*=UTF-8''${encoded}`,
    asciiName,
    utf8Name,
  };
}

/** Dates stored as days (midnight UTC): « 14/03/2008 ». */
export function frenchDay(day: Date | string | null | undefined): string {
  if (!day) return '';
  const iso = typeof day === 'string' ? day.slice(0, 10) : day.toISOString().slice(0, 10);
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

const PARIS = 'Europe/Paris';

const parisFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: PARIS,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Parts of an instant in metropolitan France's time. */
function parisParts(at: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const parts = parisFormat.formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
  };
}

/** An instant, in Paris time: « 04/12/2026 à 14:05 ». */
export function frenchDateTime(at: Date | string): string {
  const p = parisParts(typeof at === 'string' ? new Date(at) : at);
  return `${p.day}/${p.month}/${p.year} à ${p.hour}:${p.minute}`;
}

/** The calendar day of an instant in Paris: « 2026-12-04 » (file names). */
export function parisIsoDay(at: Date): string {
  const p = parisParts(at);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Age in whole years on a given day (both as days at midnight UTC, or any instant). */
export function ageOn(birth: Date | string, on: Date): number {
  const b = typeof birth === 'string' ? new Date(`${birth.slice(0, 10)}T00:00:00Z`) : birth;
  const today = parisIsoDay(on);
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  let age = y - b.getUTCFullYear();
  if (m < b.getUTCMonth() + 1 || (m === b.getUTCMonth() + 1 && d < b.getUTCDate())) age -= 1;
  return age;
}
