/**
 * Streaming concatenation of PDF files, written for what React-PDF (pdfkit) produces.
 *
 * Why: React-PDF lays out a whole document in memory before writing a byte (500 fiches as one
 * document need over 600 MiB) and cannot append a document to another. A batch is therefore
 * rendered as small documents (a few fiches each), and this module copies their pages, one part
 * after the other, into a single PDF written as it goes: each part's objects are renumbered and
 * written out, then the part is dropped. Only the byte offsets of the written objects, the page
 * references and the bookmarks stay in memory until the end, where the page tree, the outline,
 * the catalog, the information dictionary and the cross-reference table are written.
 * (pdf-lib's copyPages would keep every copied page in one in-memory document until save().)
 *
 * What it accepts, and checks (anything else throws rather than produce a broken file): a
 * classic cross-reference table (no xref streams, object streams, incremental updates or
 * encryption), a page tree whose intermediate nodes carry no inheritable attributes, and
 * page content that refers to no named destination. That is pdfkit's output.
 */
import { createHash } from 'node:crypto';

export interface PdfPart {
  bytes: Uint8Array;
  /**
   * Titles for the top-level bookmarks of this part, in order (one per fiche: React-PDF's
   * `bookmark` on each fiche's <Page>). They become the output's outline, pointing at the same
   * pages; the part's own outline is dropped. Count mismatch: error.
   */
  outlineTitles?: string[];
}

export interface PdfMeta {
  title: string;
  /** BCP 47, e.g. "fr-FR". */
  language: string;
  author?: string;
  subject?: string;
  creator?: string;
  producer?: string;
  creationDate: Date;
}

// --- a small PDF lexer, on latin1 strings (one char per byte) ------------------------------

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

type Token =
  | { kind: 'num'; value: string; start: number; end: number }
  | { kind: 'name'; value: string; start: number; end: number }
  | { kind: 'kw'; value: string; start: number; end: number }
  | { kind: 'str'; start: number; end: number }
  | { kind: 'dict<' | 'dict>' | '[' | ']'; start: number; end: number };

class Lexer {
  pos: number;
  constructor(
    readonly s: string,
    start: number,
  ) {
    this.pos = start;
  }

  private skipSpace(): void {
    const s = this.s;
    for (;;) {
      const c = s.charCodeAt(this.pos);
      if (WS.has(c)) this.pos += 1;
      else if (c === 0x25) {
        while (this.pos < s.length && s[this.pos] !== '\n' && s[this.pos] !== '\r') this.pos += 1;
      } else return;
    }
  }

  next(): Token {
    this.skipSpace();
    const s = this.s;
    const start = this.pos;
    if (start >= s.length) throw new PdfStructureError('unexpected end of file');
    const c = s[start];
    if (c === '<' && s[start + 1] === '<') {
      this.pos += 2;
      return { kind: 'dict<', start, end: this.pos };
    }
    if (c === '>' && s[start + 1] === '>') {
      this.pos += 2;
      return { kind: 'dict>', start, end: this.pos };
    }
    if (c === '[' || c === ']') {
      this.pos += 1;
      return { kind: c, start, end: this.pos };
    }
    if (c === '<') {
      const close = s.indexOf('>', start);
      if (close < 0) throw new PdfStructureError('unterminated hex string');
      this.pos = close + 1;
      return { kind: 'str', start, end: this.pos };
    }
    if (c === '(') {
      let depth = 0;
      let i = start;
      for (; i < s.length; i += 1) {
        const ch = s[i];
        if (ch === '\\') i += 1;
        else if (ch === '(') depth += 1;
        else if (ch === ')') {
          depth -= 1;
          if (depth === 0) break;
        }
      }
      if (depth !== 0) throw new PdfStructureError('unterminated string');
      this.pos = i + 1;
      return { kind: 'str', start, end: this.pos };
    }
    if (c === '/') {
      let i = start + 1;
      while (i < s.length && !WS.has(s.charCodeAt(i)) && !DELIMS.has(s.charCodeAt(i))) i += 1;
      this.pos = i;
      return { kind: 'name', value: s.slice(start + 1, i), start, end: i };
    }
    let i = start;
    while (i < s.length && !WS.has(s.charCodeAt(i)) && !DELIMS.has(s.charCodeAt(i))) i += 1;
    if (i === start)
      throw new PdfStructureError(`unexpected character ${JSON.stringify(c)} at ${start}`);
    this.pos = i;
    const word = s.slice(start, i);
    return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)
      ? { kind: 'num', value: word, start, end: i }
      : { kind: 'kw', value: word, start, end: i };
  }
}

export class PdfStructureError extends Error {
  constructor(message: string) {
    super(`PDF: ${message}`);
    this.name = 'PdfStructureError';
  }
}

/** A direct value, as much as this module needs to know of it. */
type Value =
  | { t: 'dict'; entries: Map<string, Value> }
  | { t: 'array'; items: Value[] }
  | { t: 'ref'; num: number }
  | { t: 'name'; v: string }
  | { t: 'num'; v: number }
  | { t: 'other' };

interface Ref {
  num: number;
  start: number;
  end: number;
}

/** Parses one value; every indirect reference met is pushed to `refs` with its position. */
function parseValue(lx: Lexer, refs: Ref[], first?: Token): Value {
  const tok = first ?? lx.next();
  switch (tok.kind) {
    case 'dict<': {
      const entries = new Map<string, Value>();
      for (;;) {
        const key = lx.next();
        if (key.kind === 'dict>') return { t: 'dict', entries };
        if (key.kind !== 'name')
          throw new PdfStructureError(`dictionary key expected at ${key.start}`);
        entries.set(key.value, parseValue(lx, refs));
      }
    }
    case '[': {
      const items: Value[] = [];
      for (;;) {
        const t = lx.next();
        if (t.kind === ']') return { t: 'array', items };
        items.push(parseValue(lx, refs, t));
      }
    }
    case 'num': {
      // `n g R` is a reference; look ahead without consuming when it is not one.
      const save = lx.pos;
      if (/^\d+$/.test(tok.value)) {
        try {
          const gen = lx.next();
          if (gen.kind === 'num' && /^\d+$/.test(gen.value)) {
            const r = lx.next();
            if (r.kind === 'kw' && r.value === 'R') {
              const num = Number(tok.value);
              refs.push({ num, start: tok.start, end: r.end });
              return { t: 'ref', num };
            }
          }
        } catch (error) {
          if (!(error instanceof PdfStructureError)) throw error;
        }
      }
      lx.pos = save;
      return { t: 'num', v: Number(tok.value) };
    }
    case 'name':
      return { t: 'name', v: tok.value };
    case 'str':
    case 'kw':
      return { t: 'other' };
    default:
      throw new PdfStructureError(`unexpected token at ${tok.start}`);
  }
}

interface ParsedObject {
  num: number;
  value: Value;
  /** Text of the value (dictionary) before any stream, and where it starts in the file. */
  bodyStart: number;
  bodyEnd: number;
  refs: Ref[];
  stream?: { start: number; end: number };
}

/** One PDF file, read through its cross-reference table. */
class PdfReader {
  readonly s: string;
  readonly offsets = new Map<number, number>();
  readonly trailer: Map<string, Value>;
  private readonly cache = new Map<number, ParsedObject>();

  constructor(readonly bytes: Uint8Array) {
    this.s = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    if (!this.s.startsWith('%PDF-')) throw new PdfStructureError('not a PDF');
    const sx = this.s.lastIndexOf('startxref');
    if (sx < 0) throw new PdfStructureError('no startxref');
    const lx = new Lexer(this.s, sx + 'startxref'.length);
    const at = lx.next();
    if (at.kind !== 'num') throw new PdfStructureError('bad startxref');
    const xref = new Lexer(this.s, Number(at.value));
    const kw = xref.next();
    if (kw.kind !== 'kw' || kw.value !== 'xref')
      throw new PdfStructureError('cross-reference streams are not supported');
    for (;;) {
      const t = xref.next();
      if (t.kind === 'kw' && t.value === 'trailer') break;
      const count = xref.next();
      if (t.kind !== 'num' || count.kind !== 'num')
        throw new PdfStructureError('bad xref subsection');
      for (let i = 0; i < Number(count.value); i += 1) {
        const off = xref.next();
        xref.next(); // generation
        const type = xref.next();
        if (type.kind === 'kw' && type.value === 'n' && off.kind === 'num')
          this.offsets.set(Number(t.value) + i, Number(off.value));
      }
    }
    const trailer = parseValue(xref, []);
    if (trailer.t !== 'dict') throw new PdfStructureError('bad trailer');
    if (trailer.entries.has('Prev'))
      throw new PdfStructureError('incremental updates are not supported');
    if (trailer.entries.has('Encrypt'))
      throw new PdfStructureError('encrypted files are not supported');
    this.trailer = trailer.entries;
  }

  object(num: number): ParsedObject {
    const cached = this.cache.get(num);
    if (cached) return cached;
    const offset = this.offsets.get(num);
    if (offset === undefined)
      throw new PdfStructureError(`object ${num} is not in the cross-reference table`);
    const lx = new Lexer(this.s, offset);
    const n = lx.next();
    lx.next(); // generation
    const obj = lx.next();
    if (n.kind !== 'num' || Number(n.value) !== num || obj.kind !== 'kw' || obj.value !== 'obj') {
      throw new PdfStructureError(`object ${num} is not at offset ${offset}`);
    }
    const refs: Ref[] = [];
    const first = lx.next();
    const bodyStart = first.start;
    const value = parseValue(lx, refs, first);
    const bodyEnd = lx.pos;
    const after = lx.next();
    let stream: ParsedObject['stream'];
    if (after.kind === 'kw' && after.value === 'stream') {
      let start = after.end;
      if (this.s[start] === '\r') start += 1;
      if (this.s[start] === '\n') start += 1;
      const length = value.t === 'dict' ? value.entries.get('Length') : undefined;
      const len =
        length?.t === 'num' ? length.v : length?.t === 'ref' ? this.integer(length.num) : NaN;
      if (!Number.isInteger(len))
        throw new PdfStructureError(`stream ${num} has no usable /Length`);
      stream = { start, end: start + len };
      const tail = new Lexer(this.s, stream.end);
      const end = tail.next();
      if (end.kind !== 'kw' || end.value !== 'endstream')
        throw new PdfStructureError(`stream ${num}: /Length does not match`);
    } else if (!(after.kind === 'kw' && after.value === 'endobj')) {
      throw new PdfStructureError(`object ${num}: endobj expected`);
    }
    const parsed: ParsedObject = { num, value, bodyStart, bodyEnd, refs, stream };
    this.cache.set(num, parsed);
    return parsed;
  }

  private integer(num: number): number {
    const v = this.object(num).value;
    return v.t === 'num' ? v.v : NaN;
  }

  dict(num: number): Map<string, Value> {
    const v = this.object(num).value;
    if (v.t !== 'dict') throw new PdfStructureError(`object ${num} is not a dictionary`);
    return v.entries;
  }
}

const refNum = (v: Value | undefined): number | undefined => (v?.t === 'ref' ? v.num : undefined);
const nameOf = (v: Value | undefined): string | undefined => (v?.t === 'name' ? v.v : undefined);

/** Page tree attributes a leaf page may inherit from its ancestors: refused on inner nodes. */
const INHERITABLE = ['Resources', 'MediaBox', 'CropBox', 'Rotate'];

/** Leaf pages in order, and the inner nodes of the page tree (references to them become the new root). */
function pageTree(reader: PdfReader): {
  pages: number[];
  nodes: Set<number>;
  excluded: Set<number>;
} {
  const rootNum = refNum(reader.trailer.get('Root'));
  if (rootNum === undefined) throw new PdfStructureError('no /Root');
  const catalog = reader.dict(rootNum);
  const names = catalog.get('Names');
  const namesDict =
    names?.t === 'ref' ? reader.dict(names.num) : names?.t === 'dict' ? names.entries : undefined;
  if (namesDict) {
    const dests = namesDict.get('Dests');
    const destsDict =
      dests?.t === 'ref' ? reader.dict(dests.num) : dests?.t === 'dict' ? dests.entries : undefined;
    const list = destsDict?.get('Names');
    if ((list?.t === 'array' && list.items.length > 0) || destsDict?.has('Kids')) {
      throw new PdfStructureError('named destinations are not supported');
    }
  }
  const pagesRoot = refNum(catalog.get('Pages'));
  if (pagesRoot === undefined) throw new PdfStructureError('no /Pages');
  const pages: number[] = [];
  const nodes = new Set<number>();
  const walk = (num: number, depth: number) => {
    if (depth > 32) throw new PdfStructureError('page tree too deep');
    const d = reader.dict(num);
    const type = nameOf(d.get('Type'));
    if (type === 'Page') {
      pages.push(num);
      return;
    }
    if (type !== 'Pages') throw new PdfStructureError(`page tree node ${num} has type ${type}`);
    for (const key of INHERITABLE)
      if (d.has(key)) throw new PdfStructureError(`page tree node ${num} carries /${key}`);
    nodes.add(num);
    const kids = d.get('Kids');
    if (kids?.t !== 'array') throw new PdfStructureError(`page tree node ${num} has no /Kids`);
    for (const kid of kids.items) {
      const k = refNum(kid);
      if (k === undefined) throw new PdfStructureError('page tree kid is not a reference');
      walk(k, depth + 1);
    }
  };
  walk(pagesRoot, 0);
  const excluded = new Set<number>([rootNum]);
  const info = refNum(reader.trailer.get('Info'));
  if (info !== undefined) excluded.add(info);
  return { pages, nodes, excluded };
}

/** Pages (object numbers) the top-level outline items of a file point at, in order. */
function outlinePages(reader: PdfReader): number[] {
  const rootNum = refNum(reader.trailer.get('Root'));
  const outlines = rootNum === undefined ? undefined : refNum(reader.dict(rootNum).get('Outlines'));
  if (outlines === undefined) return [];
  const out: number[] = [];
  let item = refNum(reader.dict(outlines).get('First'));
  const seen = new Set<number>();
  while (item !== undefined && !seen.has(item)) {
    seen.add(item);
    const d = reader.dict(item);
    let dest = d.get('Dest');
    if (dest === undefined) {
      const action = d.get('A');
      const a =
        action?.t === 'ref'
          ? reader.dict(action.num)
          : action?.t === 'dict'
            ? action.entries
            : undefined;
      dest = a?.get('D');
    }
    if (dest?.t === 'ref') dest = reader.object(dest.num).value;
    const page = dest?.t === 'array' ? refNum(dest.items[0]) : undefined;
    if (page === undefined)
      throw new PdfStructureError(`outline item ${item} has no page destination`);
    out.push(page);
    item = refNum(d.get('Next'));
  }
  return out;
}

// --- writing ---------------------------------------------------------------------------------

/** A PDF text string: UTF-16BE with a BOM, hex-encoded (any character, no escaping issues). */
export function pdfTextString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i += 1)
    hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

function pdfDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `(D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z)`;
}

const latin1 = (s: string) => Buffer.from(s, 'latin1');

// Objects reserved up front, written last (they need the whole document).
const CATALOG = 1;
const PAGES = 2;
const INFO = 3;
const OUTLINES = 4;
const FIRST_FREE = 5;

/**
 * Concatenates PDF parts as they come, yielding the output in pieces: consume it with
 * backpressure (e.g. `Readable.from(...)` piped into the HTTP response) and the next part is
 * only asked for when the previous one has been written. Memory stays flat whatever the
 * number of parts.
 */
export async function* concatPdfs(
  parts: AsyncIterable<PdfPart> | Iterable<PdfPart>,
  meta: PdfMeta,
): AsyncGenerator<Buffer> {
  const offsets: number[] = []; // offsets[num] of every object written
  let position = 0;
  let nextNum = FIRST_FREE;
  const pageRefs: number[] = [];
  const bookmarks: { title: string; page: number }[] = [];

  const emit = (chunks: Buffer[]): Buffer => {
    const out = Buffer.concat(chunks);
    position += out.length;
    return out;
  };

  yield emit([latin1('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')]);

  for await (const part of parts) {
    const reader = new PdfReader(part.bytes);
    const { pages, nodes, excluded } = pageTree(reader);
    // Every object reachable from the pages, in a stable order (pages first, as in the file).
    const mapping = new Map<number, number>();
    const order: number[] = [];
    const visit = (num: number) => {
      if (mapping.has(num)) return;
      if (nodes.has(num)) return; // the page tree: replaced by the output's
      if (excluded.has(num))
        throw new PdfStructureError(
          `a page refers to the catalog or the document information (${num})`,
        );
      mapping.set(num, nextNum++);
      order.push(num);
    };
    for (const p of pages) visit(p);
    for (let i = 0; i < order.length; i += 1) {
      const obj = reader.object(order[i] as number);
      for (const r of obj.refs) visit(r.num);
    }
    const chunks: Buffer[] = [];
    let written = position;
    for (const num of order) {
      const obj = reader.object(num);
      const newNum = mapping.get(num) as number;
      let body = '';
      let cursor = obj.bodyStart;
      for (const r of obj.refs) {
        const target = nodes.has(r.num) ? PAGES : mapping.get(r.num);
        if (target === undefined) throw new PdfStructureError(`unmapped reference ${r.num}`);
        body += `${reader.s.slice(cursor, r.start)}${target} 0 R`;
        cursor = r.end;
      }
      body += reader.s.slice(cursor, obj.bodyEnd);
      const head = latin1(`${newNum} 0 obj\n${body}`);
      offsets[newNum] = written;
      chunks.push(head);
      written += head.length;
      if (obj.stream) {
        const open = latin1('\nstream\n');
        const data = Buffer.from(
          part.bytes.buffer,
          part.bytes.byteOffset + obj.stream.start,
          obj.stream.end - obj.stream.start,
        );
        chunks.push(open, data);
        written += open.length + data.length;
        const close = latin1('\nendstream');
        chunks.push(close);
        written += close.length;
      }
      const end = latin1('\nendobj\n');
      chunks.push(end);
      written += end.length;
    }
    if (part.outlineTitles) {
      const targets = outlinePages(reader);
      if (targets.length !== part.outlineTitles.length) {
        throw new PdfStructureError(
          `${part.outlineTitles.length} bookmark titles for ${targets.length} outline items`,
        );
      }
      targets.forEach((page, i) => {
        const mapped = mapping.get(page);
        if (mapped === undefined)
          throw new PdfStructureError(`outline item points outside the pages (${page})`);
        bookmarks.push({ title: part.outlineTitles?.[i] ?? '', page: mapped });
      });
    }
    for (const p of pages) pageRefs.push(mapping.get(p) as number);
    yield emit(chunks);
  }

  // The document's own objects: page tree, outline, information, catalog.
  const tail: Buffer[] = [];
  let written = position;
  const put = (num: number, body: string) => {
    const b = latin1(`${num} 0 obj\n${body}\nendobj\n`);
    offsets[num] = written;
    written += b.length;
    tail.push(b);
  };
  const kids: string[] = [];
  for (let i = 0; i < pageRefs.length; i += 1) kids.push(`${pageRefs[i]} 0 R`);
  put(PAGES, `<<\n/Type /Pages\n/Count ${pageRefs.length}\n/Kids [${kids.join(' ')}]\n>>`);
  const itemNums = bookmarks.map(() => nextNum++);
  bookmarks.forEach((b, i) => {
    const prev = i > 0 ? `\n/Prev ${itemNums[i - 1]} 0 R` : '';
    const next = i < bookmarks.length - 1 ? `\n/Next ${itemNums[i + 1]} 0 R` : '';
    put(
      itemNums[i] as number,
      `<<\n/Title ${pdfTextString(b.title)}\n/Parent ${OUTLINES} 0 R${prev}${next}\n/Dest [${b.page} 0 R /Fit]\n>>`,
    );
  });
  put(
    OUTLINES,
    itemNums.length
      ? `<<\n/Type /Outlines\n/First ${itemNums[0]} 0 R\n/Last ${itemNums[itemNums.length - 1]} 0 R\n/Count ${itemNums.length}\n>>`
      : '<<\n/Type /Outlines\n/Count 0\n>>',
  );
  const info = [
    `/Title ${pdfTextString(meta.title)}`,
    meta.author ? `/Author ${pdfTextString(meta.author)}` : '',
    meta.subject ? `/Subject ${pdfTextString(meta.subject)}` : '',
    meta.creator ? `/Creator ${pdfTextString(meta.creator)}` : '',
    meta.producer ? `/Producer ${pdfTextString(meta.producer)}` : '',
    `/CreationDate ${pdfDate(meta.creationDate)}`,
  ].filter(Boolean);
  put(INFO, `<<\n${info.join('\n')}\n>>`);
  put(
    CATALOG,
    `<<\n/Type /Catalog\n/Pages ${PAGES} 0 R\n/Lang ${pdfTextString(meta.language)}\n/ViewerPreferences << /DisplayDocTitle true >>\n/Outlines ${OUTLINES} 0 R${itemNums.length ? '\n/PageMode /UseOutlines' : ''}\n>>`,
  );
  const size = nextNum;
  const xrefAt = written;
  let xref = `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let num = 1; num < size; num += 1) {
    const off = offsets[num];
    xref +=
      off === undefined ? '0000000000 65535 f \n' : `${String(off).padStart(10, '0')} 00000 n \n`;
  }
  const id = createHash('md5')
    .update(`${meta.title}|${meta.creationDate.toISOString()}|${size}|${position}`)
    .digest('hex');
  tail.push(
    latin1(
      `${xref}trailer\n<<\n/Size ${size}\n/Root ${CATALOG} 0 R\n/Info ${INFO} 0 R\n/ID [<${id}> <${id}>]\n>>\nstartxref\n${xrefAt}\n%%EOF\n`,
    ),
  );
  yield emit(tail);
}

/**
 * Structural check of a PDF (for tests): every in-use entry of the cross-reference table
 * points at its object, the page tree's leaves are pages. Returns the page count.
 */
export function checkPdfStructure(bytes: Uint8Array): { pages: number; objects: number } {
  const reader = new PdfReader(bytes);
  for (const num of reader.offsets.keys()) reader.object(num);
  const { pages } = pageTree(reader);
  return { pages: pages.length, objects: reader.offsets.size };
}
