// Single-byte encoders for the generated files, without a dependency: ISO-8859-15 (SIECLE's
// Latin-9) and Windows-1252 (what Excel writes when a French user saves « CSV »: Latin-1 plus
// œ Œ € Š Ž Ÿ ’ … in 0x80–0x9F). A character neither can hold is an error, not a silent '?'.

/** ISO-8859-15 differs from Latin-1 at eight code points. */
const LATIN9_SPECIAL: ReadonlyMap<number, number> = new Map([
  [0x20ac, 0xa4], // €
  [0x0160, 0xa6], // Š
  [0x0161, 0xa8], // š
  [0x017d, 0xb4], // Ž
  [0x017e, 0xb8], // ž
  [0x0152, 0xbc], // Œ
  [0x0153, 0xbd], // œ
  [0x0178, 0xbe], // Ÿ
]);
const LATIN9_REPLACED = new Set(LATIN9_SPECIAL.values());

const CP1252_SPECIAL: ReadonlyMap<number, number> = new Map([
  [0x20ac, 0x80], // €
  [0x201a, 0x82],
  [0x0192, 0x83],
  [0x201e, 0x84],
  [0x2026, 0x85], // …
  [0x2020, 0x86],
  [0x2021, 0x87],
  [0x02c6, 0x88],
  [0x2030, 0x89],
  [0x0160, 0x8a], // Š
  [0x2039, 0x8b],
  [0x0152, 0x8c], // Œ
  [0x017d, 0x8e], // Ž
  [0x2018, 0x91],
  [0x2019, 0x92], // ’
  [0x201c, 0x93],
  [0x201d, 0x94],
  [0x2022, 0x95],
  [0x2013, 0x96], // –
  [0x2014, 0x97], // —
  [0x02dc, 0x98],
  [0x2122, 0x99],
  [0x0161, 0x9a], // š
  [0x203a, 0x9b],
  [0x0153, 0x9c], // œ
  [0x017e, 0x9e], // ž
  [0x0178, 0x9f], // Ÿ
]);

export type SingleByteEncoding = 'iso-8859-15' | 'windows-1252';

export function encodeSingleByte(text: string, encoding: SingleByteEncoding): Buffer {
  const out = Buffer.allocUnsafe(text.length);
  const special = encoding === 'iso-8859-15' ? LATIN9_SPECIAL : CP1252_SPECIAL;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      out[i] = c;
      continue;
    }
    const mapped = special.get(c);
    if (mapped !== undefined) {
      out[i] = mapped;
    } else if (c >= 0xa0 && c <= 0xff && !(encoding === 'iso-8859-15' && LATIN9_REPLACED.has(c))) {
      out[i] = c;
    } else {
      throw new Error(
        `U+${c.toString(16).padStart(4, '0')} « ${text[i] ?? ''} » cannot be written in ${encoding}`,
      );
    }
  }
  return out;
}
