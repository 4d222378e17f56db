import iconv from 'iconv-lite';
import { ImportFileError } from './import-file-error';

/** The encodings the importers read. ISO-8859-1 is decoded as its superset Windows-1252 (as browsers do). */
export type TextEncoding = 'utf-8' | 'iso-8859-1' | 'iso-8859-15' | 'windows-1252';

export interface DecodedText {
  /** The encoding the bytes were read with (for the XML files: the declared one). */
  encoding: TextEncoding;
  /** The text, chunk by chunk, in the order of the bytes; pulled lazily from the byte source. */
  text: AsyncIterable<string>;
  /**
   * With `deferCorrections`, for ISO-8859-15 and Windows-1252: `text` is the bytes read as Latin-1,
   * and this turns a piece of it into the charset's text (the characters where the two differ).
   */
  correct?: (latin1: string) => string;
}

type IconvName = Parameters<typeof iconv.getDecoder>[0];

const iconvNames: Record<Exclude<TextEncoding, 'utf-8'>, IconvName> = {
  'iso-8859-1': 'windows1252',
  'iso-8859-15': 'iso885915',
  'windows-1252': 'windows1252',
};

/** Declared labels (lower case, as written in `encoding="…"`) and what they mean. */
const encodingLabels: Record<string, TextEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'iso-8859-1': 'iso-8859-1',
  iso8859_1: 'iso-8859-1',
  'iso8859-1': 'iso-8859-1',
  'iso_8859-1': 'iso-8859-1',
  latin1: 'iso-8859-1',
  'latin-1': 'iso-8859-1',
  'iso-8859-15': 'iso-8859-15',
  'iso8859-15': 'iso-8859-15',
  'iso_8859-15': 'iso-8859-15',
  latin9: 'iso-8859-15',
  'latin-9': 'iso-8859-15',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
};

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;
/** Enough bytes to hold a BOM and any sane XML declaration. */
const XML_HEAD_BYTES = 1024;
const LINE_FEED = 0x0a;

/**
 * Opens the text of an XML file: the encoding comes from the BOM (UTF-8), else from the XML
 * declaration, else UTF-8. Rejects (before anything is parsed) an encoding it does not support.
 */
export async function decodeXml(bytes: AsyncIterable<Uint8Array>, options: { deferCorrections?: boolean } = {}): Promise<DecodedText> {
  const source = bytes[Symbol.asyncIterator]();
  try {
    const head = await readHead(source, XML_HEAD_BYTES);
    const { encoding, bomLength } = detectXmlEncoding(head);
    const correct = options.deferCorrections && encoding !== 'utf-8' ? latin1Corrector(iconvNames[encoding]) : undefined;
    return {
      encoding,
      text: decodeChunks(correct ? LATIN1 : createDecoder(encoding), head.subarray(bomLength), source),
      ...(correct ? { correct } : {}),
    };
  } catch (error) {
    await source.return?.();
    throw error;
  }
}

/** The encoding of an XML file from its first bytes. Throws `ImportFileError` for an encoding we do not read. */
export function detectXmlEncoding(head: Uint8Array): { encoding: TextEncoding; bomLength: number } {
  if (startsWith(head, UTF8_BOM)) return { encoding: 'utf-8', bomLength: UTF8_BOM.length };
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]))
    throw unsupportedEncoding('UTF-16');
  const declared = declaredEncoding(asBuffer(head).toString('latin1'));
  return { encoding: declared === null ? 'utf-8' : resolveEncodingLabel(declared), bomLength: 0 };
}

function declaredEncoding(headText: string): string | null {
  const declaration = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([^"']*)\1/.exec(headText);
  return declaration?.[2]?.trim() ?? null;
}

function resolveEncodingLabel(label: string): TextEncoding {
  const encoding = encodingLabels[label.toLowerCase()];
  if (encoding === undefined) throw unsupportedEncoding(label);
  return encoding;
}

function unsupportedEncoding(label: string): ImportFileError {
  return new ImportFileError(
    'UNSUPPORTED_ENCODING',
    `Encodage « ${label} » non pris en charge : le fichier doit être en UTF-8, ISO-8859-1, ISO-8859-15 ou Windows-1252. ` +
      "Refaites l'export SIECLE ou réenregistrez le fichier dans l'un de ces encodages.",
  );
}

/**
 * Opens the text of a CSV file: UTF-8 (BOM stripped) when its bytes are UTF-8, else Windows-1252
 * (Latin-1). The choice is made on the first non-ASCII character, so nothing is read twice: up to
 * it both encodings give the same text.
 */
export async function* decodeCsv(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const sniffer = new CsvTextSniffer();
  for await (const chunk of bytes) {
    const text = sniffer.write(asBuffer(chunk));
    if (text !== '') yield text;
  }
  const tail = sniffer.end();
  if (tail !== '') yield tail;
}

interface ChunkDecoder {
  write(chunk: Buffer): string;
  end(): string;
}

function createDecoder(encoding: TextEncoding): ChunkDecoder {
  return encoding === 'utf-8' ? new StrictUtf8Decoder() : singleByteDecoder(iconvNames[encoding]);
}

/**
 * A single-byte charset, decoded natively as Latin-1 then corrected where it differs (ISO-8859-15:
 * 8 bytes, Windows-1252: 0x80–0x9F): the same text as iconv-lite's decoder (the table is built
 * from it), several times faster. Each byte is one character: chunks decode independently.
 */
function singleByteDecoder(name: IconvName): ChunkDecoder {
  const correct = latin1Corrector(name);
  return {
    write: (chunk) => {
      const text = chunk.toString('latin1');
      return correct ? correct(text) : text;
    },
    end: () => '',
  };
}

/** Bytes as Latin-1 (each byte the character of that code): one-byte strings, the fastest V8 has. */
const LATIN1: ChunkDecoder = { write: (chunk) => chunk.toString('latin1'), end: () => '' };

/**
 * The charset's text of a piece of Latin-1 text (see DecodedText.correct), or undefined when the
 * two are the same (ISO-8859-1). Correcting the values a reader keeps, instead of whole chunks,
 * keeps the text it scans in one-byte strings: one œ (ISO-8859-15) or ’ (Windows-1252) in a chunk
 * made all of it two-byte, and staging an académie's SIECLE exports about 14 % slower.
 */
function latin1Corrector(name: IconvName): ((latin1: string) => string) | undefined {
  const { pattern, replacements } = latin1Corrections(name);
  if (replacements.size === 0) return undefined;
  const any = new RegExp(pattern.source);
  const fix = (ch: string) => replacements.get(ch) ?? ch;
  return (latin1) => (any.test(latin1) ? latin1.replace(pattern, fix) : latin1);
}

const corrections = new Map<IconvName, { pattern: RegExp; replacements: Map<string, string> }>();

/** Where the charset differs from Latin-1: the Latin-1 character → the charset's (as iconv-lite decodes it). */
function latin1Corrections(name: IconvName) {
  let c = corrections.get(name);
  if (!c) {
    const replacements = new Map<string, string>();
    for (let byte = 0; byte < 256; byte++) {
      const decoded = iconv.decode(Buffer.from([byte]), name, { stripBOM: false });
      const latin1 = String.fromCharCode(byte);
      if (decoded !== latin1) replacements.set(latin1, decoded);
    }
    const chars = [...replacements.keys()].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    c = { pattern: new RegExp(chars ? `[${chars}]` : '(?!)', 'g'), replacements };
    corrections.set(name, c);
  }
  return c;
}

/** UTF-8 that refuses invalid bytes (a Latin-1 file declared UTF-8) instead of inventing U+FFFD. */
class StrictUtf8Decoder implements ChunkDecoder {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private bytesBefore = 0;
  private linesBefore = 0;

  write(chunk: Buffer): string {
    const text = this.decode(chunk, true);
    this.advance(chunk);
    return text;
  }

  /** Counts bytes read by someone else before this decoder took over (for the place in error messages). */
  advance(bytes: Buffer): void {
    this.bytesBefore += bytes.length;
    this.linesBefore += countByte(bytes, LINE_FEED);
  }

  end(): string {
    return this.decode(Buffer.alloc(0), false);
  }

  private decode(chunk: Buffer, stream: boolean): string {
    try {
      return this.decoder.decode(chunk, { stream });
    } catch (cause) {
      const offset = firstInvalidUtf8(chunk) ?? chunk.length;
      const line = this.linesBefore + countByte(chunk.subarray(0, offset), LINE_FEED) + 1;
      throw new ImportFileError(
        'INVALID_ENCODING',
        `Octets invalides en UTF-8, ligne ${line} (octet ${this.bytesBefore + offset + 1}) : ` +
          "le fichier n'est pas dans l'encodage UTF-8 annoncé. Réenregistrez-le en UTF-8.",
        { cause },
      );
    }
  }
}

type SequenceVerdict = 'valid' | 'invalid' | 'incomplete';

/** Decides between UTF-8 and Windows-1252 on the first non-ASCII sequence, then sticks to it. */
class CsvTextSniffer {
  private mode: 'undecided' | 'utf-8' | 'windows-1252' = 'undecided';
  private carry: Buffer = Buffer.alloc(0);
  private atStart = true;
  private readonly utf8 = new StrictUtf8Decoder();
  private readonly latin = singleByteDecoder('windows1252');

  write(chunk: Buffer): string {
    if (this.mode === 'utf-8') return this.utf8.write(chunk);
    if (this.mode === 'windows-1252') return this.latin.write(chunk);
    const bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = Buffer.alloc(0);
    return this.atStart ? this.writeStart(bytes) : this.writeUndecided(bytes);
  }

  end(): string {
    if (this.mode === 'utf-8') return this.utf8.end();
    if (this.mode === 'windows-1252') return this.latin.end();
    return this.carry.length > 0 ? iconv.decode(this.carry, 'windows1252') : '';
  }

  private writeStart(bytes: Buffer): string {
    if (bytes.length < UTF8_BOM.length && startsWith(Buffer.from(UTF8_BOM), bytes)) {
      this.carry = bytes;
      return '';
    }
    this.atStart = false;
    if (!startsWith(bytes, UTF8_BOM)) return this.writeUndecided(bytes);
    this.mode = 'utf-8';
    this.utf8.advance(bytes.subarray(0, UTF8_BOM.length));
    return this.utf8.write(bytes.subarray(UTF8_BOM.length));
  }

  private writeUndecided(bytes: Buffer): string {
    const first = firstNonAscii(bytes);
    if (first === -1) return this.passAscii(bytes);
    const verdict = utf8SequenceAt(bytes, first);
    if (verdict === 'incomplete') {
      this.carry = bytes.subarray(first);
      return this.passAscii(bytes.subarray(0, first));
    }
    this.mode = verdict === 'valid' ? 'utf-8' : 'windows-1252';
    return this.mode === 'utf-8' ? this.utf8.write(bytes) : this.latin.write(bytes);
  }

  private passAscii(bytes: Buffer): string {
    this.utf8.advance(bytes);
    return bytes.toString('latin1');
  }
}

function firstNonAscii(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] ?? 0) > 0x7f) return i;
  return -1;
}

/** Is the multi-byte sequence starting at `index` well-formed UTF-8? */
function utf8SequenceAt(bytes: Buffer, index: number): SequenceVerdict {
  const length = utf8SequenceLength(bytes[index] ?? 0);
  if (length === 0) return 'invalid';
  if (index + length > bytes.length) return 'incomplete';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(index, index + length));
    return 'valid';
  } catch {
    return 'invalid';
  }
}

function utf8SequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Offset of the first byte that does not start a well-formed sequence (an unfinished last one is fine). */
function firstInvalidUtf8(bytes: Buffer): number | null {
  let index = 0;
  while (index < bytes.length) {
    if ((bytes[index] ?? 0) <= 0x7f) {
      index++;
      continue;
    }
    const verdict = utf8SequenceAt(bytes, index);
    if (verdict === 'invalid') return index;
    if (verdict === 'incomplete') return null;
    index += utf8SequenceLength(bytes[index] ?? 0);
  }
  return null;
}

async function* decodeChunks(
  decoder: ChunkDecoder,
  first: Buffer,
  rest: AsyncIterator<Uint8Array>,
): AsyncGenerator<string> {
  try {
    if (first.length > 0) yield decoder.write(first);
    for (let next = await rest.next(); next.done !== true; next = await rest.next()) {
      const text = decoder.write(asBuffer(next.value));
      if (text !== '') yield text;
    }
    const tail = decoder.end();
    if (tail !== '') yield tail;
  } finally {
    await rest.return?.();
  }
}

/** Reads chunks until at least `size` bytes (or the end); returns them joined. */
async function readHead(source: AsyncIterator<Uint8Array>, size: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  while (length < size) {
    const next = await source.next();
    if (next.done === true) break;
    const chunk = asBuffer(next.value);
    chunks.push(chunk);
    length += chunk.length;
  }
  return chunks.length === 1 && chunks[0] !== undefined ? chunks[0] : Buffer.concat(chunks);
}

function startsWith(bytes: Uint8Array, prefix: ArrayLike<number>): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

function countByte(bytes: Buffer, byte: number): number {
  let count = 0;
  for (let at = bytes.indexOf(byte); at !== -1; at = bytes.indexOf(byte, at + 1)) count++;
  return count;
}

function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk)
    ? chunk
    : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
