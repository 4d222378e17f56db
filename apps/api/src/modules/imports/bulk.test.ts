import { dirname } from 'node:path';
import { openTestDatabase } from '../../../test/test-app';
import { execWithJson } from './bulk';

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
