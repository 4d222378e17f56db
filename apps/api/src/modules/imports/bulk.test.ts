import { dirname } from 'node:path';
import { openTestDatabase } from '../../../test/test-app';
import { execWithJson } from './bulk';
import { wireSelect, type WireRow } from './staging';

/** The argument histories of the @prisma/debug copies the driver adapters load (see bulk.ts). */
function adapterDebugLogs(): string {
  const logs: string[] = [];
  for (const adapter of ['pglite-prisma-adapter', '@prisma/adapter-pg']) {
    const utils = require.resolve('@prisma/driver-adapter-utils', { paths: [dirname(require.resolve(adapter))] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- that copy's own module, wherever it is
    const debug = require(require.resolve('@prisma/debug', { paths: [dirname(utils)] })) as { getLogs(n?: number): string };
    logs.push(debug.getLogs(10_000_000));
  }
  return logs.join('\n');
}

const db = openTestDatabase();
afterAll(() => db.close());

describe('bulk statements and Prisma’s debug history', () => {
  const sql = 'SELECT count(*) FROM json_to_recordset($1::json) AS x(a text)';

  it('when a batch is sent as is, then the driver adapter’s debug history keeps it (what bulk.ts works around)', async () => {
    const marker = `lot-témoin-${Date.now()}-brut`;
    await db.prisma.$transaction((tx) => tx.$queryRawUnsafe(sql, JSON.stringify([{ a: marker }])));
    expect(adapterDebugLogs()).toContain(marker);
  });

  it('when a batch goes through execWithJson, then no debug history keeps it afterwards', async () => {
    const marker = `lot-témoin-${Date.now()}-vidé`;
    await db.prisma.$transaction((tx) => execWithJson(tx, sql, JSON.stringify([{ a: marker }])));
    expect(adapterDebugLogs()).not.toContain(marker);
  });
});

describe('wire rows read by the database (staging.ts wireSelect)', () => {
  it('when rows of every staged type are sent, then each value comes back in its column and type, nulls as NULL, with its position', async () => {
    const rows: WireRow[] = [
      [1, 'Zoé « L’Hôte »\n"œuvre" \\ 100 %', '2008-02-29', '0190a8f0-1234-7abc-8def-0123456789ab', true, 'ADMITTED', [['a', null]], ['P1']],
      [2, null, null, null, false, 'FAILED', [], []],
    ];
    const select = wireSelect(['int', 'text', 'date', 'uuid', 'boolean', '"ExamResultValue"', 'jsonb', 'json'], '$1::jsonb', { ordinality: true });
    const back = await db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT c0, c1, to_char(c2, 'YYYY-MM-DD') AS c2, c3::text AS c3, c4, c5::text AS c5, c6::text AS c6, c7::text AS c7, ord::int AS ord,
              pg_typeof(c6)::text AS t6, pg_typeof(c7)::text AS t7 FROM (${select}) x ORDER BY ord`,
      JSON.stringify(rows),
    );
    expect(back).toEqual([
      { c0: 1, c1: rows[0]?.[1], c2: '2008-02-29', c3: '0190a8f0-1234-7abc-8def-0123456789ab', c4: true, c5: 'ADMITTED', c6: '[["a", null]]', c7: '["P1"]', ord: 1, t6: 'jsonb', t7: 'json' },
      { c0: 2, c1: null, c2: null, c3: null, c4: false, c5: 'FAILED', c6: '[]', c7: '[]', ord: 2, t6: 'jsonb', t7: 'json' },
    ]);
  });
});
