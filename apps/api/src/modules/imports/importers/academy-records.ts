import type { Prisma } from '../../../generated/prisma/client';
import { fillStagedTable, num } from '../bulk';
import type { StagedImport } from '../import-types';
import { PERSON_COLUMNS } from '../stage/academy-records';

type Tx = Prisma.TransactionClient;

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The temporary table holding the file's rows during the transaction (cross-referencing reads its identities). */
export const ACADEMY_STAGE_TABLE = 'import_academy_row';

/** The batches of the former row-by-row writer: duplicates of a new record inside one batch were counted once. */
const COUNT_BATCH = 1000;

/**
 * Writes académie-wide records (exam results, enrolments), set-based: the file's rows go to a
 * temporary table by batches, then a few statements count, update and insert them all. A record
 * is known by its natural key (academy, identity, `keyColumns`); identical ones are counted
 * unchanged (re-importing a file changes nothing). Counting is that of the former batched
 * writer: a repeated key is compared with its previous occurrence, and the last one is kept.
 */
export async function upsertAcademyRecords(
  tx: Tx,
  staged: StagedImport,
  opts: {
    stagePath: string;
    academyId: string;
    now: Date;
    table: 'exam_result' | 'training_enrolment';
    /** Data columns besides the person's: [name, SQL type]. */
    columns: [string, string][];
    /** The natural key besides academy_id and identity (among `columns`). */
    keyColumns: string[];
  },
): Promise<{ created: number; updated: number; unchanged: number; identitiesTable: string }> {
  const T = ACADEMY_STAGE_TABLE;
  const columns = [...PERSON_COLUMNS, ...opts.columns];
  const names = columns.map(([n]) => n);
  const list = names.join(', ');
  // The staged rows (stage/academy-records.ts): seq, the person's columns, the data columns, the id if new.
  await fillStagedTable(tx, T, [...columns, ['new_id', 'uuid']], opts.stagePath, staged);
  await tx.$executeRawUnsafe(`ANALYZE ${T}`);

  const key = ['identity', ...opts.keyColumns];
  const sameKey = (a: string, b: string) => key.map((k) => `${a}.${k} = ${b}.${k}`).join(' AND ');
  const same = (a: string, b: string) => names.map((n) => `${a}.${n} IS NOT DISTINCT FROM ${b}.${n}`).join(' AND ');
  // Each row, in file order: the first of its key is created, or compared with the stored record;
  // a later one is compared with the previous occurrence (except a new key repeated inside one
  // batch of the former writer, which counted nothing).
  const [counts] = await tx.$queryRawUnsafe<{ created: unknown; updated: unknown; unchanged: unknown }[]>(
    `WITH g AS (
       SELECT s.*, lag(s.seq) OVER w AS prev_seq, first_value(s.seq) OVER w AS first_seq
       FROM ${T} s WINDOW w AS (PARTITION BY ${key.map((k) => `s.${k}`).join(', ')} ORDER BY s.seq)
     ), c AS (
       SELECT CASE
         WHEN g.prev_seq IS NULL AND t.id IS NULL THEN 'created'
         WHEN g.prev_seq IS NULL THEN CASE WHEN ${same('t', 'g')} THEN 'unchanged' ELSE 'updated' END
         WHEN t.id IS NULL AND g.first_seq / ${COUNT_BATCH} = g.seq / ${COUNT_BATCH} THEN 'none'
         WHEN ${same('p', 'g')} THEN 'unchanged' ELSE 'updated' END AS outcome
       FROM g
       LEFT JOIN ${opts.table} t ON t.academy_id = $1::uuid AND ${sameKey('t', 'g')}
       LEFT JOIN ${T} p ON p.seq = g.prev_seq
     )
     SELECT count(*) FILTER (WHERE outcome = 'created') AS created,
            count(*) FILTER (WHERE outcome = 'updated') AS updated,
            count(*) FILTER (WHERE outcome = 'unchanged') AS unchanged
     FROM c`,
    opts.academyId,
  );
  // The last occurrence of each key is what is kept. New records are inserted in key order: the
  // unique index on the key, the largest, is then written page after page instead of anywhere
  // (150,000 exam results on PGlite with its 16 MB buffer pool: 2.45 → 1.9 s; file order is not
  // kept anywhere, ids being time-ordered (lib/uuid.ts) and lists sorted by name).
  const last = `(SELECT DISTINCT ON (${key.join(', ')}) * FROM ${T} ORDER BY ${key.join(', ')}, seq DESC)`;
  await tx.$executeRawUnsafe(
    `UPDATE ${opts.table} t SET ${names.map((n) => `${n} = l.${n}`).join(', ')}, updated_at = $2::timestamptz
     FROM ${last} l WHERE t.academy_id = $1::uuid AND ${sameKey('t', 'l')} AND NOT (${same('t', 'l')})`,
    opts.academyId,
    opts.now.toISOString(),
  );
  await tx.$executeRawUnsafe(
    `INSERT INTO ${opts.table} (id, academy_id, ${list}, updated_at)
     SELECT l.new_id, $1::uuid, ${names.map((n) => `l.${n}`).join(', ')}, $2::timestamptz
     FROM ${last} l
     WHERE NOT EXISTS (SELECT 1 FROM ${opts.table} t WHERE t.academy_id = $1::uuid AND ${sameKey('t', 'l')})
     ORDER BY ${key.map((k) => `l.${k}`).join(', ')}`,
    opts.academyId,
    opts.now.toISOString(),
  );
  return { created: num(counts?.created), updated: num(counts?.updated), unchanged: num(counts?.unchanged), identitiesTable: T };
}

export { day };
