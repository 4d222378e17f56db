import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * Writes records as NDJSON, with backpressure: memory stays flat whatever the count. Lines are
 * gathered into chunks of about CHUNK_CHARS before they go to the stream: one stream write per
 * line cost more than the JSON (a write request and a writev entry each).
 */
export class StagingWriter<T> {
  private readonly out;
  private pending = '';
  count = 0;

  constructor(path: string) {
    this.out = createWriteStream(path, { encoding: 'utf8' });
  }

  /** Stages a record; returns a promise only when the caller must wait (the stream is full). */
  write(record: T): Promise<void> | undefined {
    this.count += 1;
    this.pending += `${JSON.stringify(record)}\n`;
    if (this.pending.length < CHUNK_CHARS) return undefined;
    return this.flush();
  }

  async close(): Promise<void> {
    if (this.pending) this.out.write(this.pending);
    this.pending = '';
    this.out.end();
    await once(this.out, 'finish');
  }

  private flush(): Promise<void> | undefined {
    const full = !this.out.write(this.pending);
    this.pending = '';
    return full ? once(this.out, 'drain').then(() => undefined) : undefined;
  }
}

const CHUNK_CHARS = 64 * 1024;

/**
 * The staged records, in order; `only` (optional) picks the lines worth parsing (a pass that needs
 * a few kinds of records). Reads chunk by chunk as the consumer asks: readline's async iterator
 * does not stop reading while its consumer waits (on the database), so it held a whole académie
 * file's lines in memory.
 */
export async function* readStaged<T>(path: string, only?: (line: string) => boolean): AsyncIterable<T> {
  let rest = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8' }) as AsyncIterable<string>) {
    const text = rest + chunk;
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      const line = text.slice(start, end);
      start = end + 1;
      if (line && (!only || only(line))) yield JSON.parse(line) as T;
    }
    rest = text.slice(start);
  }
  if (rest && (!only || only(rest))) yield JSON.parse(rest) as T;
}

/** Groups an async iterable into arrays of `size` (for batched inserts). */
export async function* batches<T>(items: AsyncIterable<T>, size: number): AsyncIterable<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
