// For tests: what a reader finds in a PDF, through pdf-parse (Mozilla's PDF.js), a devDependency
// that runs on Node 20 in jest's CommonJS. Not imported by the application.
import { PDFParse } from 'pdf-parse';

export interface ExtractedPdf {
  numPages: number;
  /** Text of each page, in order. */
  pages: string[];
  /** All text, pages joined. */
  text: string;
  info: Record<string, unknown>;
  outline: { title: string }[];
}

export async function extractPdf(bytes: Uint8Array): Promise<ExtractedPdf> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const text = await parser.getText();
    const info = await parser.getInfo();
    return {
      numPages: text.total,
      pages: text.pages.map((p) => p.text),
      text: text.pages.map((p) => p.text).join('\n'),
      info: (info.info ?? {}) as Record<string, unknown>,
      outline: (info.outline ?? []).map((o) => ({ title: o.title })),
    };
  } finally {
    await parser.destroy();
  }
}

/** Page boxes as written in the file (pdfkit writes page dictionaries uncompressed). */
export function mediaBoxes(bytes: Uint8Array): number[][] {
  const s = Buffer.from(bytes).toString('latin1');
  return [...s.matchAll(/\/MediaBox \[([^\]]+)\]/g)].map((m) =>
    (m[1] ?? '').trim().split(/\s+/).map(Number),
  );
}

/** supertest: collect a binary body as a Buffer. */
export function binaryParser(
  res: unknown,
  callback: (err: Error | null, body: Buffer) => void,
): void {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
  stream.on('error', (e: Error) => callback(e, Buffer.alloc(0)));
}
