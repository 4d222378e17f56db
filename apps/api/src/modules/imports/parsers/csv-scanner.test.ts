import { parse } from 'csv-parse/sync';
import { CsvScanner, CsvSyntaxError } from './csv-scanner';

/** The scanner's records of `text` fed in chunks of `size` characters: [line, cells]. */
function scan(text: string, delimiter: string, size = text.length || 1): [number, string[]][] {
  const records: [number, string[]][] = [];
  const scanner = new CsvScanner(delimiter, (cells, line) => records.push([line, cells]));
  for (let i = 0; i < text.length; i += size) scanner.write(text.slice(i, i + size));
  scanner.end();
  return records;
}

/** What csv-parse read with the options the scanner replaced (cells trimmed as the scanner does inside quotes too). */
function reference(text: string, delimiter: string): [number, string[]][] {
  const out = parse(text, { delimiter, info: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true, trim: true }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  return out.map(({ record, info }) => [info.lines, record.map((cell) => cell.replace(/^[\r\n\f \t]+|[\r\n\f \t]+$/g, ''))]);
}

function faultOf(text: string, delimiter = ';'): CsvSyntaxError {
  try {
    scan(text, delimiter);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return error;
    throw error;
  }
  throw new Error('no fault');
}

/** A seeded generator of CSV texts with quotes, doubled quotes, line ends in values, blank lines and empty records. */
function randomCsv(seed: number, delimiter: string, eol: string): string {
  let state = seed;
  const rand = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const plain = ['DUPONT', 'Léa', '01/02/2008', 'CAP cuisine', ' espacé ', '', 'Œuvre', 'ADMIS', '2026'];
  const lines: string[] = [];
  for (let r = 0; r < 200; r++) {
    const kind = rand(20);
    if (kind === 0) {
      lines.push('');
      continue;
    }
    if (kind === 1) {
      lines.push(delimiter.repeat(rand(4)) + (rand(2) ? ' ' : ''));
      continue;
    }
    const cells: string[] = [];
    for (let c = 0, n = 1 + rand(7); c < n; c++) {
      const value = plain[rand(plain.length)] as string;
      const q = rand(6);
      if (q === 0) cells.push(`"${value}${delimiter}x"`);
      // (A value over two lines only where the line end is one character: csv-parse counts `\r\n` inside quotes as two lines.)
      else if (q === 1) cells.push(` "${value} ""dit"" ${eol.length === 1 ? eol : ' '}suite" `);
      else if (q === 2) cells.push(`"${value}"`);
      else cells.push(value);
    }
    lines.push(cells.join(delimiter));
  }
  return lines.join(eol) + (rand(2) ? eol : '');
}

describe('CsvScanner', () => {
  it.each([
    ['\n', ';'],
    ['\r\n', ';'],
    ['\n', ','],
    ['\r\n', ','],
    ['\r', ';'],
  ])('when a file uses %j line ends and %j, then it reads the records and lines csv-parse reads, in any chunks', (eol, delimiter) => {
    for (let seed = 1; seed <= 15; seed++) {
      const text = randomCsv(seed, delimiter, eol);
      const expected = reference(text, delimiter);
      expect(expected.length).toBeGreaterThan(100);
      for (const size of [1, 2, 7, 64, 1000, text.length]) expect(scan(text, delimiter, size)).toEqual(expected);
    }
  });

  it('when values have spaces around quotes and doubled quotes, then they are read as csv-parse reads them', () => {
    const text = 'a;b;c\n1; "2" ;3\n"x ""y"" z";"";\n\n  ;  \n"multi\nligne";fin\n';
    expect(scan(text, ';')).toEqual(reference(text, ';'));
    expect(scan(text, ';')).toEqual([
      [1, ['a', 'b', 'c']],
      [2, ['1', '2', '3']],
      [3, ['x "y" z', '', '']],
      [7, ['multi\nligne', 'fin']],
    ]);
  });

  it('when a quoted value holds a Windows line end, then the record is on the line where it ends', () => {
    // csv-parse said line 4 here (it counted the carriage return and the line feed as two lines).
    expect(scan('a\r\n"x\r\ny";z\r\nb\r\n', ';')).toEqual([
      [1, ['a']],
      [3, ['x\r\ny', 'z']],
      [4, ['b']],
    ]);
  });

  it('when a quote is never closed, then the fault names the line where the value starts', () => {
    const fault = faultOf('a;b\n1;2\n3;"quatre\n5;6\n');
    expect([fault.fault, fault.line]).toEqual(['QUOTE_NOT_CLOSED', 3]);
  });

  it.each([
    ['a;b\n1;"2"x\n', 'INVALID_CLOSING_QUOTE', 2],
    ['a;b\n1;"2" x\n', 'CHARACTER_AFTER_CLOSING_QUOTE', 2],
    ['a;b\n1;2\n1;2"x\n', 'QUOTE_INSIDE_VALUE', 3],
    ['a;b\n"un\ndeux"x;1\n', 'INVALID_CLOSING_QUOTE', 3],
  ])('when %j, then the fault is %s at line %i', (text, fault, line) => {
    const error = faultOf(text);
    expect([error.fault, error.line]).toEqual([fault, line]);
    // csv-parse refused the same texts.
    expect(() => reference(text, ';')).toThrow();
  });

  it('when the file has no line end at all, then its one line is a record', () => {
    expect(scan('a;b', ';')).toEqual([[1, ['a', 'b']]]);
    expect(scan('', ';')).toEqual([]);
  });
});
