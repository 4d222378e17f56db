import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchWriter, RecordSpool, stagedBatches } from './staging';

const dir = mkdtempSync(join(tmpdir(), 'jasmin-staging-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const rows = (n: number) => Array.from({ length: n }, (_, seq) => ({ seq, name: `Zoé « ${seq} »\nœ`, none: null }));
/** The same as wire rows (staging.ts): values in column order. */
const wireRows = (n: number) => rows(n).map((r) => [r.seq, r.name, r.none]);

describe('staged batches (phase 1 → phase 2)', () => {
  it('when the rows fit in memory, then they come back as JSON arrays of the batch size, in order, and no file is written', async () => {
    const path = join(dir, 'small.staged');
    const out = new BatchWriter(path, 3);
    for (const row of wireRows(7)) await out.add(row);
    const staged = await out.finish();
    expect(out.count).toBe(7);
    expect(staged.batches).toHaveLength(3);
    expect(existsSync(path)).toBe(false);
    const back = (await all(stagedBatches(path, staged))).map((b) => JSON.parse(b) as unknown[]);
    expect(back.map((b) => b.length)).toEqual([3, 3, 1]);
    expect(back.flat()).toEqual(wireRows(7));
  });

  it('when the rows outgrow the memory budget, then every batch goes to the staging file (one a line) and reads back the same', async () => {
    const path = join(dir, 'big.staged');
    const out = new BatchWriter(path, 10, 500);
    for (const row of wireRows(95)) {
      const full = out.add(row);
      if (full) await full;
    }
    const staged = await out.finish();
    expect(staged.batches).toBeUndefined();
    expect(readFileSync(path, 'utf8').trimEnd().split('\n')).toHaveLength(10);
    const back = (await all(stagedBatches(path, staged))).map((b) => JSON.parse(b) as unknown[]);
    expect(back.flat()).toEqual(wireRows(95));
  });

  it('when more records are held than the spool keeps in memory, then the rest goes to its file, all come back in order, and the file is deleted', async () => {
    const path = join(dir, 'records');
    const spool = new RecordSpool<{ seq: number; name: string }>(path, 4);
    for (const row of rows(11)) await spool.push(row);
    expect(await all(spool.records())).toEqual(rows(11));
    expect(readFileSync(path, 'utf8').trimEnd().split('\n')).toHaveLength(7);
    spool.dispose();
    expect(existsSync(path)).toBe(false);
  });
});
