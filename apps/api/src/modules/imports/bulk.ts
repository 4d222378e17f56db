import { Debug as clientDebug } from '@prisma/client/runtime/client';
import { Debug as adapterDebug } from '@prisma/driver-adapter-utils';
import { dirname } from 'node:path';
import type { Prisma } from '../../generated/prisma/client';
import { stagedBatches, wireSelect, type StagedBatches, type WireRow } from './staging';

export { BULK_ROWS } from './staging';

type Tx = Prisma.TransactionClient;

/**
 * Set-based writes: rows (wire rows: staging.ts) travel as one JSON parameter ($1) that the
 * statement unpacks with `wireSelect(types, '$1::jsonb')`, so one statement writes a whole batch
 * whatever its size (no limit on bind parameters, one round trip, same on PGlite and a server).
 * Further parameters are $2, $3…; returns the number of rows the statement affected.
 */
export async function execWithRows(tx: Tx, sql: string, rows: readonly WireRow[], ...params: unknown[]): Promise<number> {
  return rows.length === 0 ? 0 : execWithJson(tx, sql, JSON.stringify(rows), ...params);
}

/** execWithRows with the rows already as JSON (staged batches: staging.ts). */
export async function execWithJson(tx: Tx, sql: string, json: string, ...params: unknown[]): Promise<number> {
  try {
    return await tx.$executeRawUnsafe(sql, json, ...params);
  } finally {
    forgetPrismaDebugHistory();
  }
}

/**
 * Prisma keeps the arguments of its last 100 debug calls, debugging on or not (for its error
 * reports), in rings: the client's, and each copy of @prisma/debug its driver adapters load (the
 * PGlite adapter pins an older @prisma/driver-adapter-utils, so it has a ring of its own). Among
 * them are each query's plan and parameters: with batches of rows as parameters, up to about
 * 200 MiB of old batches stayed reachable (an académie's exam results overflowed a 128 MiB heap;
 * on PGlite the adapter's ring alone held about 60 MiB). After each bulk statement, 100
 * one-character entries push them out (not when debugging is on for this namespace). This relies
 * on Prisma internals: check it when upgrading Prisma or the adapters (imports.test.ts does).
 */
const DEBUG_HISTORY = 100;
let debugRings: ((...args: unknown[]) => void)[] | undefined;
type DebugFactory = (namespace: string) => ((...args: unknown[]) => void) & { enabled?: boolean };
function prismaDebugRings(): ((...args: unknown[]) => void)[] {
  if (debugRings) return debugRings;
  const factories = new Set<DebugFactory>([clientDebug as DebugFactory, adapterDebug as DebugFactory]);
  for (const adapter of ['pglite-prisma-adapter', '@prisma/adapter-pg']) {
    try {
      const from = dirname(require.resolve(adapter));
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the adapter's own copy, wherever it is
      const utils = require(require.resolve('@prisma/driver-adapter-utils', { paths: [from] })) as { Debug?: DebugFactory };
      if (utils.Debug) factories.add(utils.Debug);
    } catch {
      // (that adapter is not installed)
    }
  }
  debugRings = [...factories].map((factory) => factory('jasmin:bulk'));
  return debugRings;
}
export function forgetPrismaDebugHistory(): void {
  for (const debug of prismaDebugRings()) {
    if ((debug as { enabled?: boolean }).enabled) continue;
    for (let i = 0; i < DEBUG_HISTORY; i++) debug('·');
  }
}

/** A temporary table for this transaction only (dropped at commit or rollback: create it once a transaction). */
async function createTempTable(tx: Tx, name: string, columns: string): Promise<void> {
  await tx.$executeRawUnsafe(`CREATE TEMP TABLE ${name} (${columns}) ON COMMIT DROP`);
}

/** Writes staged batches (JSON arrays of rows) into a temporary table (`insertSql` reads the batch from $1 as JSON). */
async function fillTempTable(tx: Tx, insertSql: string, batches: AsyncIterable<string>): Promise<number> {
  let count = 0;
  for await (const batch of batches) count += await execWithJson(tx, insertSql, batch);
  return count;
}

type Columns = readonly (readonly [string, string])[];

/** The rows of a batch of staged rows ($param, JSON): seq, then `columns` (wire rows: staging.ts). */
const stagedRows = (columns: Columns, param: number) => wireSelect(['int', ...columns.map(([, t]) => t)], `$${param}::jsonb`);

/** A file's staged rows (seq, then `columns`) in a temporary table keyed by seq, written by batches. */
export async function fillStagedTable(tx: Tx, table: string, columns: Columns, stagePath: string, staged: StagedBatches): Promise<void> {
  await createTempTable(tx, table, `seq int PRIMARY KEY, ${columns.map(([n, t]) => `${n} ${t}`).join(', ')}`);
  await fillTempTable(tx, `INSERT INTO ${table} ${stagedRows(columns, 1)}`, stagedBatches(stagePath, staged));
}

/**
 * A file's staged rows as a relation `name` of one statement (`WITH ${cte}, …`; columns: `seq int`
 * then `columns`). A file staged as one batch (a school's export) is read by the statement itself
 * from its JSON, the parameter `$${param}` (`params`): no temporary table to create, fill and drop
 * at commit — about a fifth of the time of a school's pupils file on PGlite. A bigger file's batches
 * go to a temporary table `table` first (fillStagedTable), which the relation reads.
 */
export async function stagedRelation(
  tx: Tx,
  opts: { name: string; table: string; columns: Columns; stagePath: string; staged: StagedBatches; param: number },
): Promise<{ cte: string; params: string[] }> {
  const { batches } = opts.staged;
  if (batches && batches.length <= 1) {
    const names = ['seq', ...opts.columns.map(([n]) => n)].join(', ');
    return { cte: `${opts.name}(${names}) AS MATERIALIZED (${stagedRows(opts.columns, opts.param)})`, params: [batches[0] ?? '[]'] };
  }
  await fillStagedTable(tx, opts.table, opts.columns, opts.stagePath, opts.staged);
  return { cte: `${opts.name} AS NOT MATERIALIZED (SELECT * FROM ${opts.table})`, params: [] };
}

/** One number from a `SELECT count(*)…` (drivers return bigint or number). */
export const num = (v: unknown): number => Number(v ?? 0);
