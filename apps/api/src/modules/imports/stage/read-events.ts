import type { Rejection, StageContext } from '../import-types';
import { openInput } from '../parsers/open-input';

/** Rejected records listed in a report at most (the count of the others is not lost: see the report). */
const MAX_REPORTED_REJECTIONS = 10_000;

export interface FileRead {
  /** What the file says of itself (SIECLE: establishment UAI, school year). */
  header: Record<string, string>;
  rejected: Rejection[];
}

/**
 * Opens the file (or its zip entry), follows the bytes read for the progress bar, keeps the header
 * and the rejected records, and hands every other parser event to `onEvent` (which returns a promise
 * when it must be waited for).
 */
export async function readEvents<E extends { type: string }>(
  ctx: StageContext,
  inputKind: 'xml' | 'csv',
  /** The parser's events, by batches. */
  parse: (bytes: AsyncIterable<Uint8Array>) => AsyncGenerator<E[]>,
  onEvent: (event: E) => Promise<void> | undefined,
): Promise<FileRead> {
  const input = await openInput(ctx.filePath, inputKind);
  const header: Record<string, string> = {};
  const rejected: Rejection[] = [];
  try {
    let n = 0;
    for await (const events of parse(input.bytes)) for (const event of events) {
      if (event.type === 'header') {
        const h = event as unknown as { uai: string; schoolYear: string };
        header.uai = h.uai;
        header.schoolYear = h.schoolYear;
      } else if (event.type === 'rejected') {
        const r = event as unknown as { ref: string; reason: string };
        if (rejected.length < MAX_REPORTED_REJECTIONS) rejected.push({ ref: r.ref, reason: r.reason });
      } else {
        const wait = onEvent(event);
        if (wait) await wait;
      }
      if ((n += 1) % 500 === 0) ctx.onProgress(input.bytesRead(), input.totalBytes);
    }
    ctx.onProgress(input.totalBytes, input.totalBytes);
  } finally {
    input.bytes.destroy();
  }
  return { header, rejected };
}
