/**
 * A streaming XML scanner for the exports Jasmin reads (SIECLE BEE files): elements, attributes,
 * text, the five predefined entities and character references, CDATA, comments, processing
 * instructions and a DOCTYPE (skipped). It checks well-formedness as the file goes — tags
 * closed in order, one root element, no text outside it, known entities, characters allowed
 * in XML — and reports a fault with its line and column, in the words of the saxes parser it
 * replaces (xml-records.ts translates them). It finds markup with `indexOf` on the text instead
 * of walking it character by character: the académie's exports are parsed several times faster.
 * Namespaces and DTD-declared entities are not supported (the exports have none).
 */

export interface XmlScannerHandler {
  /** An opening tag (`line`: where the tag ends). */
  open(name: string, attributes: Record<string, string>, line: number): void;
  /** Text inside the root element (entities decoded, line ends as `\n`). */
  text(text: string): void;
  close(name: string): void;
  /** Whether text is wanted now (when not, it is checked but not copied). */
  wantsText(): boolean;
  /**
   * Whether text made only of whitespace (the indentation between tags) is wanted; default yes.
   * Readers that trim every value can decline it: it is most of the text segments of an
   * indented export, copied for nothing.
   */
  wantsBlankText?: boolean;
}

export class XmlSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${line}:${column}: ${reason}`);
    this.name = 'XmlSyntaxError';
  }
}

const EMPTY: Record<string, string> = Object.freeze({}) as Record<string, string>;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** Characters XML 1.0 does not allow anywhere (controls other than tab, line feed, carriage return; U+FFFE, U+FFFF). */
// eslint-disable-next-line no-control-regex -- these control characters are what it looks for
const DISALLOWED = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;
const NOT_WHITESPACE = /[^ \t\r\n]/;

const LT = 0x3c; // <
const GT = 0x3e; // >
const SLASH = 0x2f;
const EQ = 0x3d;
const QUOT = 0x22;
const APOS = 0x27;
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
/** For the ASCII characters: 1 ends a tag name (whitespace, `>`, `/`), 2 is not allowed in one (`<`, quotes, `=`). */
const IN_TAG_NAME = new Uint8Array(128);
for (const c of [0x20, 0x0a, 0x09, 0x0d, GT, SLASH]) IN_TAG_NAME[c] = 1;
for (const c of [LT, QUOT, APOS, EQ]) IN_TAG_NAME[c] = 2;
/** Whether `s` holds only whitespace from `from` to `to` (stops at the first other character). */
function isBlank(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return true;
}

export class XmlScanner {
  private buf = '';
  /** Line number at `counted` (an index in `buf`: newlines before it are counted). */
  private line = 1;
  private counted = 0;
  /** Index in `buf` where the current line starts (negative once earlier text is dropped). */
  private lineStart = 0;
  /**
   * The first newline in `buf` at or after `counted`, or -1 when there is none before
   * `searchedTo` (each newline is searched for once, not once per tag before it).
   */
  private nextNewline = -1;
  private searchedTo = 0;
  private readonly stack: string[] = [];
  private sawRoot = false;
  private closedRoot = false;
  /** Index of the next `&` in the buffer being scanned (at or after the text in hand), or its length if none. */
  private nextAmp = -1;

  /**
   * `correct`: for a text read as Latin-1 (decode.ts DecodedText.correct), turns what is handed over
   * (names, text, attribute values, before their entities are decoded) into the file's charset.
   */
  constructor(
    private readonly handler: XmlScannerHandler,
    private readonly correct?: (latin1: string) => string,
  ) {}

  write(chunk: string): void {
    const bad = DISALLOWED.exec(chunk);
    this.buf = this.buf ? this.buf + chunk : chunk;
    if (bad) {
      // Whatever comes before it is read first (a fault earlier in the file is reported first).
      const at = this.buf.length - chunk.length + bad.index;
      this.buf = this.buf.slice(0, at);
      this.scan(false);
      this.fail('disallowed character.', this.buf.length);
    }
    this.scan(false);
  }

  close(): void {
    this.scan(true);
    const end = this.buf.length;
    if (!this.sawRoot) this.fail('document must contain a root element.', end);
    const top = this.stack.at(-1);
    if (top !== undefined) this.fail(`unclosed tag: ${top}`, end);
    if (this.buf.length) this.fail('unexpected end.', end);
  }

  private scan(final: boolean): void {
    const s = this.buf;
    const n = s.length;
    let i = 0;
    this.nextAmp = -1;
    while (i < n) {
      const lt = s.indexOf('<', i);
      if (lt === -1) {
        // Text up to the end of what has arrived: complete only at the end of the file.
        if (final) {
          this.textSegment(s, i, n);
          i = n;
        }
        break;
      }
      if (lt > i) this.textSegment(s, i, lt);
      i = lt;
      const end = this.markup(s, lt);
      if (end === -1) break; // the rest of the tag has not arrived
      i = end;
    }
    this.countLines(i);
    this.buf = i === n ? '' : s.slice(i);
    this.counted -= i;
    this.lineStart -= i;
    if (this.nextNewline !== -1) this.nextNewline -= i;
    this.searchedTo = Math.max(0, this.searchedTo - i);
  }

  /** Text between markup: outside the root only whitespace; inside, handed over when wanted. */
  private textSegment(s: string, from: number, to: number): void {
    if (this.stack.length === 0) {
      const text = s.slice(from, to);
      const bad = NOT_WHITESPACE.exec(text);
      if (bad) this.fail('text data outside of root node.', from + bad.index + 1);
      return;
    }
    // (One search for `&` ahead for all the texts before it: searching from each text would read
    // the rest of the buffer every time.)
    if (this.nextAmp < from) {
      const amp = s.indexOf('&', from);
      this.nextAmp = amp === -1 ? s.length : amp;
    }
    const hasEntity = this.nextAmp < to;
    if (!hasEntity && (!this.handler.wantsText() || (this.handler.wantsBlankText === false && isBlank(s, from, to)))) return;
    let text = this.corrected(s.slice(from, to));
    if (hasEntity) text = this.decode(text, from);
    if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
    if (this.handler.wantsText()) this.handler.text(text);
  }

  /** Markup starting at `lt`; returns the index after it, or -1 when it has not wholly arrived. */
  private markup(s: string, lt: number): number {
    const n = s.length;
    if (lt + 1 >= n) return -1;
    const c = s.charCodeAt(lt + 1);
    if (c === SLASH) return this.closingTag(s, lt);
    if (c === 0x3f /* ? */) {
      const end = s.indexOf('?>', lt + 2);
      return end === -1 ? -1 : end + 2;
    }
    if (c === 0x21 /* ! */) {
      if (n - lt < 4) return -1;
      if (s.startsWith('<!--', lt)) {
        const end = s.indexOf('-->', lt + 4);
        return end === -1 ? -1 : end + 3;
      }
      if (n - lt < 9) return -1;
      if (s.startsWith('<![CDATA[', lt)) {
        const end = s.indexOf(']]>', lt + 9);
        if (end === -1) return -1;
        if (this.stack.length === 0) this.fail('text data outside of root node.', lt + 1);
        if (this.handler.wantsText()) this.handler.text(this.corrected(s.slice(lt + 9, end)).replace(/\r\n?/g, '\n'));
        return end + 3;
      }
      if (s.startsWith('<!DOCTYPE', lt)) {
        const gt = s.indexOf('>', lt + 9);
        const bracket = s.indexOf('[', lt + 9);
        if (bracket !== -1 && (gt === -1 || bracket < gt)) {
          const close = s.indexOf(']', bracket);
          if (close === -1) return -1;
          const end = s.indexOf('>', close);
          return end === -1 ? -1 : end + 1;
        }
        return gt === -1 ? -1 : gt + 1;
      }
      this.fail('disallowed character in tag name', lt + 2);
    }
    return this.openingTag(s, lt);
  }

  private closingTag(s: string, lt: number): number {
    const gt = s.indexOf('>', lt + 2);
    if (gt === -1) return -1;
    const raw = s.slice(lt + 2, gt).trimEnd();
    const top = this.stack.pop();
    if (top === raw) {
      // (The common case: the name of the open element, checked when it was opened.)
      this.handler.close(top);
      if (this.stack.length === 0) this.closedRoot = true;
      return gt + 1;
    }
    if (raw === '') this.fail('weird empty close tag.', gt + 1);
    if (/[\s<"'=/]/.test(raw)) this.fail('disallowed character in closing tag name.', gt + 1);
    // (The opening names are corrected: the closing name too when it is not the same as read.)
    const name = this.corrected(raw);
    if (top === undefined) this.fail(`unmatched closing tag: ${name}.`, gt + 1);
    this.handler.close(top);
    if (top !== name) this.fail('unexpected close tag.', gt + 1);
    if (this.stack.length === 0) this.closedRoot = true;
    return gt + 1;
  }

  private openingTag(s: string, lt: number): number {
    const n = s.length;
    let j = lt + 1;
    // (Every character's code ORed: above 0x7F when one is not ASCII, the name then to correct.)
    let codes = 0;
    for (; j < n; j++) {
      const c = s.charCodeAt(j);
      codes |= c;
      if (c < 128) {
        const kind = IN_TAG_NAME[c];
        if (kind === 1) break;
        if (kind === 2) this.fail('disallowed character in tag name', j + 1);
      }
    }
    if (j >= n) return -1;
    const name = codes > 0x7f ? this.corrected(s.slice(lt + 1, j)) : s.slice(lt + 1, j);
    if (name === '') this.fail('disallowed character in tag name', j + 1);
    let attributes = EMPTY;
    let selfClosing = false;
    for (;;) {
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      if (j >= n) return -1;
      const c = s.charCodeAt(j);
      if (c === GT) {
        j += 1;
        break;
      }
      if (c === SLASH) {
        if (j + 1 >= n) return -1;
        if (s.charCodeAt(j + 1) !== GT) this.fail('forward-slash in opening tag not followed by >.', j + 2);
        j += 2;
        selfClosing = true;
        break;
      }
      // An attribute: name, =, quoted value.
      const from = j;
      for (let a = s.charCodeAt(j); j < n && !isSpace(a) && a !== EQ && a !== GT && a !== SLASH; a = s.charCodeAt(++j)) {
        if (a === LT || a === QUOT || a === APOS) this.fail('disallowed character in attribute name.', j + 1);
      }
      const attribute = this.corrected(s.slice(from, j));
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      if (j >= n) return -1;
      if (s.charCodeAt(j) !== EQ) this.fail('attribute without value.', j + 1);
      j += 1;
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      if (j >= n) return -1;
      const quote = s.charCodeAt(j);
      if (quote !== QUOT && quote !== APOS) this.fail('unquoted attribute value.', j + 1);
      const close = s.indexOf(quote === QUOT ? '"' : "'", j + 1);
      if (close === -1) return -1;
      let value = s.slice(j + 1, close);
      if (value.includes('<')) this.fail('disallowed character.', j + 1 + value.indexOf('<') + 1);
      value = this.corrected(value);
      if (value.includes('&')) value = this.decode(value, j + 1);
      if (/[\t\n\r]/.test(value)) value = value.replace(/\r\n|[\t\n\r]/g, ' ');
      if (attributes === EMPTY) attributes = {};
      if (Object.hasOwn(attributes, attribute)) this.fail(`duplicate attribute: ${attribute}.`, close + 1);
      attributes[attribute] = value;
      j = close + 1;
    }
    if (this.stack.length === 0) {
      if (this.closedRoot) this.fail('documents may contain only one root.', j);
      this.sawRoot = true;
    }
    this.stack.push(name);
    this.handler.open(name, attributes, this.lineAt(j));
    if (selfClosing) {
      this.stack.pop();
      this.handler.close(name);
      if (this.stack.length === 0) this.closedRoot = true;
    }
    return j;
  }

  private corrected(latin1: string): string {
    return this.correct ? this.correct(latin1) : latin1;
  }

  /** Entities and character references of a text or attribute value starting at `at` in the buffer. */
  private decode(text: string, at: number): string {
    let out = '';
    let from = 0;
    for (let amp = text.indexOf('&'); amp !== -1; amp = text.indexOf('&', from)) {
      const semi = text.indexOf(';', amp + 1);
      const entity = semi === -1 ? '' : text.slice(amp + 1, semi);
      let value: string | undefined;
      if (entity.startsWith('#')) {
        const code = /^#x[0-9a-fA-F]+$/.test(entity) ? parseInt(entity.slice(2), 16) : /^#[0-9]+$/.test(entity) ? parseInt(entity.slice(1), 10) : NaN;
        const allowed = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
        if (!allowed) this.fail('malformed character entity.', at + amp + 1);
        value = String.fromCodePoint(code);
      } else {
        value = ENTITIES[entity];
        if (value === undefined) this.fail(/^[A-Za-z_][\w.-]*$/.test(entity) ? 'undefined entity.' : 'disallowed character in entity name.', at + amp + 1);
      }
      out += text.slice(from, amp) + value;
      from = semi + 1;
    }
    return out + text.slice(from);
  }

  /** The line of index `pos` of the buffer (counting the newlines not counted yet). */
  private lineAt(pos: number): number {
    this.countLines(pos);
    return this.line;
  }

  private countLines(pos: number): void {
    const s = this.buf;
    let nl = this.nextNewline;
    if (nl === -1 && this.searchedTo < s.length) nl = s.indexOf('\n', Math.max(this.counted, this.searchedTo));
    while (nl !== -1 && nl < pos) {
      this.line += 1;
      this.lineStart = nl + 1;
      nl = s.indexOf('\n', nl + 1);
    }
    this.nextNewline = nl;
    if (nl === -1) this.searchedTo = s.length;
    if (pos > this.counted) this.counted = pos;
  }

  /** Fails at index `pos` of the buffer (the column counts the characters of its line up to there). */
  private fail(reason: string, pos: number): never {
    const line = this.lineAt(pos);
    throw new XmlSyntaxError(reason, line, Math.max(1, pos - this.lineStart));
  }
}
