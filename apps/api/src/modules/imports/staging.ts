import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/** Writes records as NDJSON, with backpressure: memory stays flat whatever the count. */
export class StagingWriter<T> {
  private readonly out;
  count = 0;

  constructor(path: string) {
    this.out = createWriteStream(path, { encoding: 'utf8' });
  }

  async write(record: T): Promise<void> {
    this.count += 1;
    if (!this.out.write(`${JSON.stringify(record)}\n`)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    this.out.end();
    await once(this.out, 'finish');
  }
}

/** The staged records, in order; `only` (optional) picks the lines worth parsing (a pass that needs a few kinds of records). */
export async function* readStaged<T>(path: string, only?: (line: string) => boolean): AsyncIterable<T> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) if (line && (!only || only(line))) yield JSON.parse(line) as T;
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
