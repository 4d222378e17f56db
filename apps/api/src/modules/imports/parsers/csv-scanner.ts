/**
 * A streaming CSV scanner for the académie's files (RFC 4180 quoting): records as arrays of
 * trimmed cells, with the line each ends on. Lines without a quote — nearly all of them — are cut
 * with `indexOf` and `split`; a line with a quote is read character by character. It reads like
 * the csv-parse options it replaces (`trim`, `relax_column_count`, `skip_empty_lines`,
 * `skip_records_with_empty_values`, record delimiter found from the first line end), which the
 * differential test checks, and is several times faster.
 */

/** What is wrong, as the `reason` of a CsvSyntaxError (csv-table.ts words it in French). */
export type CsvFault =
  /** The file ends inside a quoted value (the line is where the value starts). */
  | 'QUOTE_NOT_CLOSED'
  /** A quote closes a value but is followed by something else than a delimiter or a line end. */
  | 'INVALID_CLOSING_QUOTE'
  /** Spaces after a closing quote, then something else than a delimiter or a line end. */
  | 'CHARACTER_AFTER_CLOSING_QUOTE'
  /** A quote inside a value that did not start with one. */
  | 'QUOTE_INSIDE_VALUE';

export class CsvSyntaxError extends Error {
  constructor(
    readonly fault: CsvFault,
    readonly line: number,
  ) {
    super(`${fault} at line ${line}`);
    this.name = 'CsvSyntaxError';
  }
}

const QUOTE = 0x22;
/** What csv-parse's `trim` removes around values: carriage return, line feed, form feed, space, tab. */
const isTrimmable = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a || c === 0x0c;
const TRIM_START = /^[\r\n\f \t]+/;
const TRIM_END = /[\r\n\f \t]+$/;
const trim = (cell: string) => (cell.length && (isTrimmable(cell.charCodeAt(0)) || isTrimmable(cell.charCodeAt(cell.length - 1))) ? cell.replace(TRIM_START, '').replace(TRIM_END, '') : cell);

export class CsvScanner {
  private buf = '';
  /** The line the text in `buf` starts on. */
  private line = 1;
  /** `\r\n`, `\n` or `\r`: the first line end of the file decides. */
  private recordDelimiter: string | null = null;
  /** Index in the buffer being scanned of the next quote at or after the record in hand (its length if none). */
  private nextQuote = -1;

  constructor(
    private readonly delimiter: string,
    private readonly onRecord: (cells: string[], line: number) => void,
  ) {}

  write(chunk: string): void {
    this.buf = this.buf ? this.buf + chunk : chunk;
    this.scan(false);
  }

  end(): void {
    this.scan(true);
  }

  private scan(final: boolean): void {
    const s = this.buf;
    if (this.recordDelimiter === null) {
      const at = s.search(/[\r\n]/);
      if (at === -1 || (at === s.length - 1 && s[at] === '\r' && !final)) {
        if (!final) return; // a line end is needed to know the file's
        this.recordDelimiter = '\n';
      } else this.recordDelimiter = s[at] === '\n' ? '\n' : s[at + 1] === '\n' ? '\r\n' : '\r';
    }
    const rd = this.recordDelimiter;
    let i = 0;
    this.nextQuote = -1;
    while (i < s.length) {
      let eol = s.indexOf(rd, i);
      if (eol === -1) {
        if (!final) break;
        eol = s.length;
      }
      if (this.nextQuote < i) {
        const q = s.indexOf('"', i);
        this.nextQuote = q === -1 ? s.length : q;
      }
      if (this.nextQuote >= eol) {
        // No quote on this line: cut it at the delimiters.
        this.emit(s.slice(i, eol).split(this.delimiter), this.line);
        this.line += 1;
        i = eol + rd.length;
        continue;
      }
      const next = this.quotedRecord(s, i, final);
      if (next === -1) break; // the record goes on in the next chunk
      i = next;
    }
    this.buf = i >= s.length ? '' : s.slice(i);
  }

  /** A record with quotes from `from`; returns the index after it, or -1 when it has not wholly arrived. */
  private quotedRecord(s: string, from: number, final: boolean): number {
    const rd = this.recordDelimiter as string;
    const d = this.delimiter.charCodeAt(0);
    const r0 = rd.charCodeAt(0);
    const n = s.length;
    const cells: string[] = [];
    let line = this.line;
    let i = from;
    for (;;) {
      // One cell from i: leading spaces, then a quoted or plain value.
      let j = i;
      while (j < n && isTrimmable(s.charCodeAt(j)) && !s.startsWith(rd, j)) j++;
      if (j < n && s.charCodeAt(j) === QUOTE) {
        let value = '';
        let k = j + 1;
        for (;;) {
          const q = s.indexOf('"', k);
          if (q === -1) {
            if (final) throw new CsvSyntaxError('QUOTE_NOT_CLOSED', line); // where the quote was opened
            return -1;
          }
          if (q + 1 >= n && !final) return -1; // a doubled quote may follow
          value += s.slice(k, q);
          if (s.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            k = q + 2;
            continue;
          }
          k = q + 1;
          break;
        }
        // After the closing quote: the delimiter, the line end or the end, possibly after spaces.
        let m = k;
        if (m < n && s.charCodeAt(m) !== d && !s.startsWith(rd, m) && !isTrimmable(s.charCodeAt(m))) {
          throw new CsvSyntaxError('INVALID_CLOSING_QUOTE', line + countOf(s, rd, from, m));
        }
        while (m < n && isTrimmable(s.charCodeAt(m)) && !s.startsWith(rd, m)) m++;
        if (m >= n && !final) return -1;
        if (m < n && s.charCodeAt(m) !== d && !s.startsWith(rd, m)) {
          throw new CsvSyntaxError('CHARACTER_AFTER_CLOSING_QUOTE', line + countOf(s, rd, from, m));
        }
        cells.push(value);
        i = m;
      } else {
        // A plain value up to the delimiter or the line end; a quote in it is a fault.
        let m = j;
        while (m < n && s.charCodeAt(m) !== d && !(s.charCodeAt(m) === r0 && s.startsWith(rd, m))) {
          if (s.charCodeAt(m) === QUOTE) throw new CsvSyntaxError('QUOTE_INSIDE_VALUE', line + countOf(s, rd, from, m));
          m++;
        }
        if (m >= n && !final) return -1;
        cells.push(s.slice(j, m));
        i = m;
      }
      if (i >= n) {
        line += countOf(s, rd, from, n);
        this.emit(cells, line);
        this.line = line;
        return n;
      }
      if (s.charCodeAt(i) === d) {
        i += 1;
        continue;
      }
      // The line end.
      line += countOf(s, rd, from, i);
      this.emit(cells, line);
      this.line = line + 1;
      return i + rd.length;
    }
  }

  /** A record unless it is empty or all its values are (csv-parse's skip_empty_lines, skip_records_with_empty_values). */
  private emit(cells: string[], line: number): void {
    let empty = true;
    for (let c = 0; c < cells.length; c++) {
      const cell = trim(cells[c] as string);
      cells[c] = cell;
      if (cell !== '') empty = false;
    }
    if (!empty) this.onRecord(cells, line);
  }
}

/** How many record delimiters `s` holds between `from` and `to` (the lines a quoted value spans). */
function countOf(s: string, rd: string, from: number, to: number): number {
  let count = 0;
  for (let at = s.indexOf(rd, from); at !== -1 && at < to; at = s.indexOf(rd, at + rd.length)) count++;
  return count;
}
