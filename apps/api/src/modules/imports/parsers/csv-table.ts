import { CsvScanner, CsvSyntaxError, type CsvFault } from './csv-scanner';
import { decodeCsv } from './decode';
import { ImportFileError } from './import-file-error';
import { cleanText, foldKey } from './values';

/** A column of a CSV format: its documented name, the header spellings accepted, whether it must be there. */
export interface CsvColumn<K extends string> {
  key: K;
  name: string;
  aliases: readonly string[];
  required: boolean;
}

export interface CsvTableFormat<K extends string> {
  columns: readonly CsvColumn<K>[];
  /** Groups of columns of which at least one must be present (e.g. UAI or SIRET). */
  oneOf?: readonly (readonly K[])[];
}

/** A data row: its line in the file and its cleaned values by column (absent when empty). */
export interface CsvRow<K extends string> {
  line: number;
  values: Partial<Record<K, string>>;
}

/** The longest first line looked at to choose the delimiter. */
const HEADER_SNIFF_CHARS = 64 * 1024;

/**
 * Streams a CSV file (UTF-8 or Latin-1, `;` or `,` chosen from the header line) as rows (by batches) keyed by
 * the format's columns. Header names are matched regardless of case, accents, spaces and
 * underscores. A missing required column fails the whole file with `ImportFileError`.
 */
export async function* readCsvTable<K extends string>(
  input: AsyncIterable<Uint8Array>,
  format: CsvTableFormat<K>,
): AsyncGenerator<CsvRow<K>[]> {
  const { firstLine, text } = await peekFirstLine(decodeCsv(input));
  let header: Map<K, number> | null = null;
  let rows: CsvRow<K>[] = [];
  const scanner = new CsvScanner(delimiterOf(firstLine), (cells, line) => {
    if (header === null) header = mapHeader(cells, format);
    else rows.push({ line, values: rowValues(cells, header) });
  });
  try {
    for await (const chunk of text) {
      scanner.write(chunk);
      // The rows of a chunk together, then the next chunk (a chunk's worth of rows at most in memory).
      if (rows.length) {
        const ready = rows;
        rows = [];
        yield ready;
      }
    }
    scanner.end();
  } catch (error) {
    throw asFileError(error);
  }
  if (rows.length) yield rows;
  if (header === null)
    throw new ImportFileError(
      'EMPTY_FILE',
      "Le fichier CSV est vide : il n'a pas de ligne d'en-tête.",
    );
}

async function peekFirstLine(
  chunks: AsyncIterable<string>,
): Promise<{ firstLine: string; text: AsyncIterable<string> }> {
  const source = chunks[Symbol.asyncIterator]();
  let head = '';
  while (!head.includes('\n') && head.length < HEADER_SNIFF_CHARS) {
    const next = await source.next();
    if (next.done === true) break;
    head += next.value;
  }
  return { firstLine: head.split(/\r?\n/, 1)[0] ?? '', text: prepend(head, source) };
}

async function* prepend(head: string, rest: AsyncIterator<string>): AsyncGenerator<string> {
  try {
    if (head !== '') yield head;
    for (let next = await rest.next(); next.done !== true; next = await rest.next())
      yield next.value;
  } finally {
    await rest.return?.();
  }
}

/** `;` when the header line has at least as many `;` as `,` (French spreadsheets), else `,`. */
function delimiterOf(headerLine: string): ';' | ',' {
  const count = (character: string) => headerLine.split(character).length - 1;
  const semicolons = count(';');
  return semicolons > 0 && semicolons >= count(',') ? ';' : ',';
}

function mapHeader<K extends string>(cells: string[], format: CsvTableFormat<K>): Map<K, number> {
  const byAlias = new Map<string, K>();
  for (const column of format.columns)
    for (const alias of column.aliases) byAlias.set(foldKey(alias), column.key);
  const header = new Map<K, number>();
  cells.forEach((cell, index) => {
    const key = byAlias.get(foldKey(cell));
    if (key !== undefined && !header.has(key)) header.set(key, index);
  });
  const missing = missingColumns(header, format);
  if (missing.length > 0) {
    throw new ImportFileError(
      'MISSING_COLUMNS',
      `Colonnes obligatoires absentes de l'en-tête : ${missing.join(', ')}. En-tête lu : « ${cells.join(' | ')} ».`,
    );
  }
  return header;
}

function missingColumns<K extends string>(
  header: Map<K, number>,
  format: CsvTableFormat<K>,
): string[] {
  const nameOf = (key: K) => format.columns.find((column) => column.key === key)?.name ?? key;
  const required = format.columns
    .filter((column) => column.required && !header.has(column.key))
    .map((c) => c.name);
  const groups = (format.oneOf ?? [])
    .filter((group) => !group.some((key) => header.has(key)))
    .map((group) => group.map(nameOf).join(' ou '));
  return [...required, ...groups];
}

function rowValues<K extends string>(
  cells: string[],
  header: Map<K, number>,
): Partial<Record<K, string>> {
  const values: Partial<Record<K, string>> = {};
  for (const [key, index] of header) {
    const value = cleanText(cells[index]);
    if (value !== null) values[key] = value;
  }
  return values;
}

const csvReasons: Record<CsvFault, string> = {
  QUOTE_NOT_CLOSED: "un guillemet ouvert n'est jamais fermé",
  INVALID_CLOSING_QUOTE: 'guillemet fermant mal placé',
  CHARACTER_AFTER_CLOSING_QUOTE: 'caractère inattendu après un guillemet fermant',
  QUOTE_INSIDE_VALUE: 'guillemet au milieu d\'une valeur (une valeur contenant un guillemet doit être entre guillemets, le guillemet doublé)',
};

function asFileError(error: unknown): unknown {
  if (!(error instanceof CsvSyntaxError)) return error;
  return new ImportFileError('MALFORMED_CSV', `CSV mal formé, ligne ${error.line} : ${csvReasons[error.fault]}.`, { cause: error });
}
