import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from 'pg';
import { openSessionLocks, type LockKey } from './session-locks';

// Advisory locks are a server's (the embedded database is one process's: data-dir-lock.ts).
const url = process.env.DATABASE_URL;
const onServer = url ? describe : describe.skip;

onServer('session locks on a server', () => {
  let observer: Client;
  beforeAll(async () => {
    observer = new Client({ connectionString: url });
    await observer.connect();
  });
  afterAll(async () => {
    await observer.end();
  });

  /** Whether another session could take the lock now (then it gives it back). */
  async function free(key: LockKey): Promise<boolean> {
    const { rows } = await observer.query<{ ok: boolean }>(
      'SELECT pg_try_advisory_lock($1, $2) AS ok',
      [key[0], key[1]],
    );
    if (rows[0]?.ok) await observer.query('SELECT pg_advisory_unlock($1, $2)', [key[0], key[1]]);
    return rows[0]?.ok === true;
  }

  it('when a process holds a lock, then no other session takes it until it is released or the process is gone', async () => {
    const key: LockKey = [0x7465_7374, 4242];
    const mine = openSessionLocks(url as string);
    const theirs = openSessionLocks(url as string);
    try {
      expect(await mine.tryLock(key)).toBe(true);
      expect(await mine.tryLock(key)).toBe(true); // (held already)
      expect(await theirs.tryLock(key)).toBe(false);
      expect(await free(key)).toBe(false);
      await mine.unlock(key);
      expect(await free(key)).toBe(true);

      expect(await mine.tryLock(key)).toBe(true);
      await mine.close();
      expect(await theirs.tryLock(key)).toBe(true);
    } finally {
      await mine.close();
      await theirs.close();
    }
  });

  it('when its connection is lost while the process lives, then the next call reconnects and takes its locks again', async () => {
    const key: LockKey = [0x7465_7374, 4243];
    const other: LockKey = [0x7465_7374, 4244];
    const mine = openSessionLocks(url as string);
    try {
      expect(await mine.tryLock(key)).toBe(true);
      const { rows } = await observer.query<{ pid: number }>(
        "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = $1 AND objid = $2 AND granted",
        [key[0], key[1]],
      );
      expect(rows).toHaveLength(1);
      await observer.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
      // (the server has closed the session: the lock is gone with it)
      for (let i = 0; i < 50 && !(await free(key)); i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(await free(key)).toBe(true);

      expect(await mine.tryLock(other)).toBe(true);
      expect(await free(key)).toBe(false);
      expect(await free(other)).toBe(false);
    } finally {
      await mine.close();
    }
  });
});
