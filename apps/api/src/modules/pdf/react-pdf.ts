/**
 * Loads `@react-pdf/renderer` (v4), once per process.
 *
 * Why a dynamic import: the renderer and its packages are ESM-only, and one of them
 * (`@react-pdf/hyphenate`) exports its files under the `import` condition only, so even Node
 * 20's require(esm) cannot load them from this CommonJS project (tsx, jest + @swc/jest). A
 * literal `import()` would be rewritten into `require()` by those transpilers: it is hidden in
 * a `Function` body that no transpiler touches (same technique as db/schema-engine-wasm.ts).
 *
 * The document components (fiche-entretien.tsx) receive the loaded module as a parameter:
 * their JSX only needs the primitives (`Document`, `Page`, `View`, `Text`), which React-PDF
 * defines as plain strings, so elements made by this project's React are what its reconciler
 * expects.
 */
import { pathToFileURL } from 'node:url';
import type * as ReactPdfModule from '@react-pdf/renderer' with { 'resolution-mode': 'import' };

export type ReactPdf = typeof ReactPdfModule;

const dynamicImport = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<unknown>;

let loading: Promise<ReactPdf> | undefined;

/** The renderer, ready to use: French words are never hyphenated with English patterns. */
export function loadReactPdf(): Promise<ReactPdf> {
  // Resolved from this file (the API's dependencies), whatever the working directory: an
  // `import()` in a Function body has no module of its own to resolve from.
  loading ??= dynamicImport(pathToFileURL(require.resolve('@react-pdf/renderer')).href).then(
    (mod) => {
      const pdf = mod as ReactPdf;
      // React-PDF hyphenates with English patterns by default ("entre-tien", "for-mation"):
      // break lines between words only. Long unbreakable strings (e-mails) still wrap by letter.
      pdf.Font.registerHyphenationCallback((word) => [word]);
      return pdf;
    },
  );
  return loading;
}

/** What `pdf()` returns, as far as rendering goes. */
interface PdfInstance {
  container: { document: unknown };
  updateContainer(doc: unknown, callback?: () => void): void;
  toBuffer(): Promise<NodeJS.ReadableStream>;
}

/**
 * Idle React-PDF roots, reused. `renderToBuffer` makes a new React root for every document and
 * never releases it: React keeps each root in its list of scheduled roots, with the whole
 * element and fiber tree (about 0.5 MB a fiche in development, 0.2 MB in production), so a
 * server would grow with every PDF printed and a 500-fiche batch would hold them all. Here a
 * root renders one document, is emptied (unmounted) and waits for the next one.
 */
const idleRoots: PdfInstance[] = [];
const MAX_IDLE_ROOTS = 8;

function update(instance: PdfInstance, doc: unknown): Promise<void> {
  return new Promise((resolve) => instance.updateContainer(doc, resolve));
}

/** Renders a <Document> to bytes, on a reused root (see above). */
export async function renderPdf(doc: unknown): Promise<Buffer> {
  const pdf = await loadReactPdf();
  const instance = idleRoots.pop() ?? (pdf.pdf() as unknown as PdfInstance);
  let reusable = false;
  try {
    await update(instance, doc);
    const stream = await instance.toBuffer();
    const chunks: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', resolve);
      stream.on('error', reject);
    });
    return Buffer.concat(chunks);
  } finally {
    try {
      await update(instance, null);
      instance.container.document = null;
      reusable = true;
    } catch {
      // A root that cannot be emptied is dropped.
    }
    if (reusable && idleRoots.length < MAX_IDLE_ROOTS) idleRoots.push(instance);
  }
}
