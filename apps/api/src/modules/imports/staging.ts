import { createReadStream, createWriteStream, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';

/** Rows sent in one statement: a JSON array of this many rows is a few hundred kB at most. */
export const BULK_ROWS = 2000;

/**
 * A run's staged rows, once its file is read: JSON arrays of rows (one per statement), as the
 * apply step sends them (read by `wireSelect`). A file's batches stay in memory up to
 * MEMORY_CHARS (a school's export: about 1 MB); beyond, they all go to the staging file, a
 * batch a line, so memory stays flat whatever the file size.
 */
export interface StagedBatches {
  /** The batches, when kept in memory; undefined: they are the lines of the staging file. */
  batches?: string[] | undefined;
}

const MEMORY_CHARS = 4 * 1024 * 1024;

/**
 * Staged rows are JSON arrays of their columns' values, in order (a "wire row"), read by
 * `wireSelect`: each value taken by its position in a jsonb array. Objects keyed by column went
 * through `json_to_recordset`, which builds a hash table of each object's keys: on PGlite, 1,000
 * rows of 24 columns took 20 ms to read that way, 7 ms as arrays (and the names as keys had been
 * about half of a row's JSON, which Prisma serializes, the socket carries and PostgreSQL parses).
 */
export type WireRow = readonly unknown[];

/** The value at `i` of the wire row `w.r` as SQL `type` (json and jsonb values kept as such). */
const wireValue = (type: string, i: number): string =>
  type === 'jsonb' ? `(w.r->${i})` : type === 'json' ? `(w.r->${i})::json` : `(w.r->>${i})::${type}`;

/**
 * `SELECT` of the wire rows of the jsonb array `source` (a parameter such as `$1::jsonb`, or a
 * column), one column a type, in order (named c0, c1…).
 * `ordinality`: a last column with each row's position in the array, from 1.
 */
export function wireSelect(types: readonly string[], source: string, opts: { ordinality?: boolean } = {}): string {
  const values = types.map((t, i) => `${wireValue(t, i)} AS c${i}`);
  if (opts.ordinality) values.push('w.ord');
  return `SELECT ${values.join(', ')} FROM jsonb_array_elements(${source}) ${opts.ordinality ? 'WITH ORDINALITY ' : ''}AS w(r${opts.ordinality ? ', ord' : ''})`;
}

/** Gathers rows into batches (`[row,row,…]`); see StagedBatches. */
export class BatchWriter {
  private rows: string[] = [];
  private held: string[] | undefined = [];
  private heldChars = 0;
  private out: WriteStream | undefined;
  count = 0;

  constructor(
    private readonly path: string,
    private readonly batchSize = BULK_ROWS,
    private readonly memoryChars = MEMORY_CHARS,
  ) {}

  /** Adds a row; returns a promise only when the caller must wait (the staging file's stream is full). */
  add(row: WireRow): Promise<void> | undefined {
    this.rows.push(JSON.stringify(row));
    this.count += 1;
    return this.rows.length >= this.batchSize ? this.endBatch() : undefined;
  }

  async finish(): Promise<StagedBatches> {
    if (this.rows.length) await this.endBatch();
    if (this.held) return { batches: this.held };
    const out = this.out as WriteStream;
    out.end();
    await once(out, 'finish');
    return { batches: undefined };
  }

  /** Stops writing (a failed read): the staging file is closed, and deleted by the caller. */
  abort(): void {
    this.out?.destroy();
    this.held = [];
  }

  private endBatch(): Promise<void> | undefined {
    const batch = `[${this.rows.join(',')}]`;
    this.rows = [];
    if (this.held) {
      this.held.push(batch);
      this.heldChars += batch.length;
      if (this.heldChars <= this.memoryChars) return undefined;
      // Too much for memory: every batch goes to the file from now on (those held first, one at
      // a time as the stream drains: joined, they would have been held twice more at once).
      this.out = createWriteStream(this.path, { encoding: 'utf8' });
      const held = this.held;
      this.held = undefined;
      return (async () => {
        for (const b of held) await this.write(`${b}\n`);
      })();
    }
    return this.write(`${batch}\n`);
  }

  private write(text: string): Promise<void> | undefined {
    const out = this.out as WriteStream;
    return out.write(text) ? undefined : once(out, 'drain').then(() => undefined);
  }
}

/** The staged batches of a run, in order (from memory, or read from the staging file as they are consumed). */
export async function* stagedBatches(stagePath: string, staged: StagedBatches): AsyncIterable<string> {
  if (staged.batches) {
    yield* staged.batches;
    return;
  }
  yield* readLines(stagePath);
}

/** Where a run's spooled records go (RecordSpool), next to its staging file. */
export const spoolPathOf = (stagePath: string): string => `${stagePath}.records`;

/**
 * Records held while a file is read, when a later part of the file completes them (a pupil's class
 * and address come after the pupils): in memory up to `memoryRecords`, the rest in a file (NDJSON)
 * next to the staging file, so memory stays flat whatever the file size.
 */
export class RecordSpool<T> {
  private readonly held: T[] = [];
  private out: WriteStream | undefined;
  private pending = '';

  constructor(
    private readonly path: string,
    private readonly memoryRecords = 5000,
  ) {}

  /** Holds a record; returns a promise only when the caller must wait (the file's stream is full). */
  push(record: T): Promise<void> | undefined {
    if (!this.out && this.held.length < this.memoryRecords) {
      this.held.push(record);
      return undefined;
    }
    this.out ??= createWriteStream(this.path, { encoding: 'utf8' });
    this.pending += `${JSON.stringify(record)}\n`;
    if (this.pending.length < CHUNK_CHARS) return undefined;
    const full = !this.out.write(this.pending);
    this.pending = '';
    return full ? once(this.out, 'drain').then(() => undefined) : undefined;
  }

  /** The records in order (call once, after the last push). */
  async *records(): AsyncIterable<T> {
    yield* this.held;
    const out = this.out;
    if (!out) return;
    if (this.pending) out.write(this.pending);
    this.pending = '';
    out.end();
    await once(out, 'finish');
    for await (const line of readLines(this.path)) yield JSON.parse(line) as T;
  }

  /** Deletes the file, if any. */
  dispose(): void {
    this.out?.destroy();
    rmSync(this.path, { force: true });
  }
}

/** Gathered before a write: one stream write per line cost more than the JSON (a write request each). */
const CHUNK_CHARS = 64 * 1024;

/**
 * The lines of a file, chunk by chunk as the consumer asks: readline's async iterator does not stop
 * reading while its consumer waits (on the database), so it held a whole académie file in memory.
 */
async function* readLines(path: string): AsyncIterable<string> {
  let rest = '';
  // (A batch line is a few hundred kB: read in chunks of about that size.)
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 }) as AsyncIterable<string>) {
    const text = rest + chunk;
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      const line = text.slice(start, end);
      start = end + 1;
      if (line) yield line;
    }
    rest = text.slice(start);
  }
  if (rest) yield rest;
}
