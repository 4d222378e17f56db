import type { PdfPart } from './pdf-concat';

/** Fiches per rendered part of a batch: the speed of bigger documents, the memory of small ones (bench/pdf). */
export const BATCH_CHUNK = 8;

/**
 * The parts of a batch in order: `items` cut into chunks of `chunkSize`, each made into a part
 * by `make` (read, map, render), at most `ahead` of them under way at once (one per render
 * worker) and no further ahead of the reader: a slow reader holds the rendering back, a reader
 * that leaves stops it (parts still under way finish unobserved). `make` answers the chunk's
 * parts: none when its cases are gone, several when it had to be split.
 */
export async function* orderedParts<T>(
  items: readonly T[],
  options: { chunkSize: number; ahead: number },
  make: (chunk: T[]) => Promise<PdfPart[]>,
): AsyncGenerator<PdfPart> {
  type Settled = { parts?: PdfPart[]; error?: unknown };
  const pending: Promise<Settled>[] = [];
  let next = 0;
  const launch = () => {
    const chunk = items.slice(next, next + options.chunkSize);
    next += options.chunkSize;
    // Settled into a value, so that a part still under way when the reader leaves fails unobserved.
    pending.push(
      make(chunk).then(
        (parts) => ({ parts }),
        (error: unknown) => ({ error }),
      ),
    );
  };
  while (pending.length < Math.max(1, options.ahead) && next < items.length) launch();
  while (pending.length > 0) {
    const settled = await (pending.shift() as Promise<Settled>);
    if (settled.error !== undefined) throw settled.error;
    if (next < items.length) launch();
    for (const part of settled.parts ?? []) yield part;
  }
}

/**
 * Renders fiches as one part; when the renderer runs out of memory on them (`tooBig`), renders
 * each half on its own, down to single fiches.
 */
export async function renderSplitting<F>(
  fiches: F[],
  render: (fiches: F[]) => Promise<PdfPart>,
  tooBig: (error: unknown) => boolean,
): Promise<PdfPart[]> {
  try {
    return [await render(fiches)];
  } catch (error) {
    if (fiches.length < 2 || !tooBig(error)) throw error;
    const half = Math.ceil(fiches.length / 2);
    return [
      ...(await renderSplitting(fiches.slice(0, half), render, tooBig)),
      ...(await renderSplitting(fiches.slice(half), render, tooBig)),
    ];
  }
}
