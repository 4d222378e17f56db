import { ImportFileError } from './import-file-error';
import { cleanText } from './values';
import { XmlScanner, XmlSyntaxError } from './xml-scanner';

/** One element of a record, with its own text and its child elements. */
export interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: XmlNode[];
  /** Line of the opening tag (1-based). */
  line: number;
}

export interface XmlRecordOptions {
  /** The expected root element, e.g. `BEE_ELEVES`. */
  root: string;
  /** French description of the expected file, for the wrong-root message. */
  fileLabel: string;
  /** Paths (from the root, `/`-separated) of the elements handed out whole, e.g. `BEE_ELEVES/DONNEES/ELEVES/ELEVE`. */
  recordPaths: readonly string[];
}

/**
 * Streams an XML text and hands out, in document order and by batches, each element found at one
 * of the record paths as a small tree. Only the record being read is held in memory: the document is
 * never built. Malformed XML throws `ImportFileError` naming the line and column.
 */
export async function* readXmlRecords(
  text: AsyncIterable<string>,
  options: XmlRecordOptions,
  correct?: (latin1: string) => string,
): AsyncGenerator<XmlNode[]> {
  // The records of each slice of text together: an async step per record (and per event in the
  // parsers above) cost more than reading most records.
  const walker = new RecordWalker(options, correct);
  for await (const chunk of text) {
    // A source may hand over a huge chunk: feed it in slices so that few records wait at a time.
    for (let start = 0; start < chunk.length; start += SLICE_CHARS) {
      walker.write(chunk.slice(start, start + SLICE_CHARS));
      const records = walker.drain();
      if (records.length) yield records;
    }
  }
  walker.close();
  const records = walker.drain();
  if (records.length) yield records;
}

const SLICE_CHARS = 64 * 1024;

/** The text of the first child element named `name`, or undefined. */
export function childText(node: XmlNode, name: string): string | undefined {
  return node.children.find((child) => child.name === name)?.text;
}

/**
 * A child's text, cleaned (values.ts cleanText): null when absent or blank. A function of the
 * module rather than a closure made for each record: the sources run through tsx, which names
 * every closure when it is made (esbuild's keepNames), about 1 µs each.
 */
export function childValue(node: XmlNode, name: string): string | null {
  return cleanText(childText(node, name));
}

export function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((child) => child.name === name);
}

/** Attribute first, then child element (SIECLE writes ELEVE_ID as an attribute, some tools as a child). */
export function attributeOrChild(node: XmlNode, name: string): string | undefined {
  return node.attributes[name] ?? childText(node, name);
}

class RecordWalker {
  private readonly scanner: XmlScanner;
  private readonly path: string[] = [];
  private readonly open: XmlNode[] = [];
  private ready: XmlNode[] = [];
  private readonly recordPaths: ReadonlySet<string>;
  private readonly maxRecordDepth: number;
  /** The element closed last: a mismatched closing tag is reported against it. */
  private lastClosed = '';

  /** `correct`: text read as Latin-1 is corrected by the scanner (xml-scanner.ts). */
  constructor(
    private readonly options: XmlRecordOptions,
    correct?: (latin1: string) => string,
  ) {
    this.scanner = new XmlScanner(
      {
        open: (name, attributes, line) => this.onOpen(name, attributes, line),
        text: (text) => this.onText(text),
        close: (name) => this.onClose(name),
        wantsText: () => this.open.length > 0,
        // Values are trimmed by their readers (cleanText): the indentation between tags is not kept.
        wantsBlankText: false,
      },
      correct,
    );
    this.recordPaths = new Set(options.recordPaths);
    this.maxRecordDepth = Math.max(...options.recordPaths.map((path) => path.split('/').length));
  }

  write(chunk: string): void {
    this.guard(() => this.scanner.write(chunk));
  }

  close(): void {
    this.guard(() => this.scanner.close());
  }

  drain(): XmlNode[] {
    const records = this.ready;
    this.ready = [];
    return records;
  }

  private guard(step: () => void): void {
    try {
      step();
    } catch (error) {
      if (error instanceof XmlSyntaxError) throw this.malformed(error);
      throw error;
    }
  }

  private onOpen(name: string, attributes: Record<string, string>, line: number): void {
    if (this.path.length === 0 && name !== this.options.root) throw this.unexpectedRoot(name);
    this.path.push(name);
    const parent = this.open.at(-1);
    if (parent === undefined && !this.isRecordPath()) return;
    const node: XmlNode = { name, attributes, text: '', children: [], line };
    parent?.children.push(node);
    this.open.push(node);
  }

  private onText(text: string): void {
    const node = this.open.at(-1);
    if (node !== undefined) node.text += text;
  }

  private onClose(name: string): void {
    this.lastClosed = name;
    this.path.pop();
    const node = this.open.pop();
    if (node !== undefined && this.open.length === 0) this.ready.push(node);
  }

  private isRecordPath(): boolean {
    return this.path.length <= this.maxRecordDepth && this.recordPaths.has(this.path.join('/'));
  }

  private malformed(error: XmlSyntaxError): ImportFileError {
    return new ImportFileError(
      'MALFORMED_XML',
      `XML mal formé, ligne ${error.line} colonne ${error.column} : ${frenchReason(error.reason, this.lastClosed)}.`,
    );
  }

  private unexpectedRoot(name: string): ImportFileError {
    return new ImportFileError(
      'UNEXPECTED_ROOT',
      `Ce fichier n'est pas ${this.options.fileLabel} : son élément racine est « ${name} » au lieu de « ${this.options.root} ».`,
    );
  }
}

const frenchReasons: [RegExp, (match: RegExpExecArray, lastClosed: string) => string][] = [
  [/^unclosed tag: (.+)$/, (m) => `la balise <${m[1]}> n'est pas fermée (fichier tronqué ?)`],
  [
    /^unmatched closing tag: (.+?)\.?$/,
    (m) => `la balise fermante </${m[1]}> ne correspond à aucune balise ouverte`,
  ],
  [
    /^unexpected close tag\.$/,
    (_m, lastClosed) =>
      `la balise <${lastClosed}> est fermée par une balise fermante d'un autre nom`,
  ],
  [
    /^document must contain a root element\.$/,
    () => 'le document ne contient aucun élément (fichier vide ?)',
  ],
  [
    /^documents may contain only one root\.$/,
    () => 'le document contient plusieurs éléments racines',
  ],
  [/^text data outside of root node\.$/, () => "du texte se trouve en dehors de l'élément racine"],
  [/^undefined entity\.$/, () => 'entité inconnue (un « & » doit être écrit « &amp; »)'],
  [/^disallowed character\.$/, () => 'caractère interdit en XML'],
  [/^unexpected end\.$/, () => 'fin de fichier inattendue'],
  [/^malformed character entity\.$/, () => 'référence de caractère mal formée'],
];

function frenchReason(message: string, lastClosed: string): string {
  for (const [pattern, translate] of frenchReasons) {
    const match = pattern.exec(message);
    if (match) return translate(match, lastClosed);
  }
  return `erreur de syntaxe (${message.replace(/\.$/, '')})`;
}
