// Bulk `COPY … FROM` of a file in PostgreSQL's text format, for the raw baseline.
// - PostgreSQL server: `COPY … FROM STDIN` over node-postgres's protocol hooks (a Submittable),
//   which is what pg-copy-streams does; that package is not a dependency of the repository.
// - PGlite: `COPY … FROM '/dev/blob'` with the `blob` query option. PGlite reads the whole blob
//   into memory, so the file is sent in slices of whole lines.
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import type { Client, Connection, Submittable } from 'pg';

/** What node-postgres's Connection has beyond its published types (lib/connection.js). */
interface CopyConnection extends Connection {
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
}

class CopyFromFile implements Submittable {
  readonly done: Promise<number>;
  private settle!: { resolve: (rows: number) => void; reject: (error: Error) => void };
  private rows = 0;

  constructor(
    private readonly sql: string,
    private readonly path: string,
  ) {
    this.done = new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
    });
  }

  submit(connection: Connection): void {
    connection.query(this.sql);
  }

  // Called by the Client when the server answers CopyInResponse.
  handleCopyInResponse(connection: CopyConnection): void {
    void this.pump(connection);
  }

  private async pump(connection: CopyConnection): Promise<void> {
    try {
      for await (const chunk of createReadStream(this.path, { highWaterMark: 256 * 1024 })) {
        connection.sendCopyFromChunk(chunk as Buffer);
        if (connection.stream.writableNeedDrain) await once(connection.stream, 'drain');
      }
      connection.endCopyFrom();
    } catch (error) {
      connection.sendCopyFail(error instanceof Error ? error.message : String(error));
    }
  }

  handleCommandComplete(message: { text?: string }): void {
    const match = /^COPY (\d+)/.exec(message.text ?? '');
    this.rows = match ? Number(match[1]) : this.rows;
  }

  handleReadyForQuery(): void {
    this.settle.resolve(this.rows);
  }

  handleError(error: Error): void {
    this.settle.reject(error);
  }

  // Messages a COPY FROM never receives.
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

/** Streams `path` into `COPY <table> (<columns>) FROM STDIN`; resolves with the rows copied. */
export function copyFileToPostgres(
  client: Client,
  table: string,
  columns: readonly string[],
  path: string,
): Promise<number> {
  return client.query(new CopyFromFile(`COPY ${table} (${columns.join(', ')}) FROM STDIN`, path))
    .done;
}

/** The subset of PGlite used here (the instance opened by openPglite). */
export interface PgliteLike {
  query(
    sql: string,
    params?: unknown[],
    options?: { blob?: Blob },
  ): Promise<{ affectedRows?: number }>;
}

/** Sends `path` to `COPY <table> FROM '/dev/blob'` in slices of about `sliceBytes`, cut at line ends. */
export async function copyFileToPglite(
  db: PgliteLike,
  table: string,
  columns: readonly string[],
  path: string,
  sliceBytes = 16 * 1024 * 1024,
): Promise<number> {
  const sql = `COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`;
  let rows = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const send = async (slice: Buffer) => {
    if (slice.length === 0) return;
    const result = await db.query(sql, [], { blob: new Blob([slice as Uint8Array<ArrayBuffer>]) });
    rows += result.affectedRows ?? 0;
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    pending.push(chunk as Buffer);
    pendingBytes += (chunk as Buffer).length;
    if (pendingBytes < sliceBytes) continue;
    const all = Buffer.concat(pending);
    const cut = all.lastIndexOf(0x0a) + 1;
    await send(all.subarray(0, cut));
    pending = [all.subarray(cut)];
    pendingBytes = all.length - cut;
  }
  await send(Buffer.concat(pending));
  return rows;
}
