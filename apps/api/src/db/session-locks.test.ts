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

  /** The observer session takes the lock if it can (and keeps it); whether it did. */
  async function take(key: LockKey): Promise<boolean> {
    const { rows } = await observer.query<{ ok: boolean }>(
      'SELECT pg_try_advisory_lock($1, $2) AS ok',
      [key[0], key[1]],
    );
    return rows[0]?.ok === true;
  }
  /** Whether another session could take the lock now (then it gives it back). */
  async function free(key: LockKey): Promise<boolean> {
    const ok = await take(key);
    if (ok) await observer.query('SELECT pg_advisory_unlock($1, $2)', [key[0], key[1]]);
    return ok;
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

  /** The server processes of the sessions holding the lock (seen in pg_locks, without taking it). */
  async function holders(key: LockKey): Promise<number[]> {
    const { rows } = await observer.query<{ pid: number }>(
      "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = $1 AND objid = $2 AND objsubid = 2 AND granted",
      [key[0], key[1]],
    );
    return rows.map((r) => r.pid);
  }
  const taken = async (key: LockKey) => (await holders(key)).length > 0;
  async function until(condition: () => Promise<boolean>, ms: number): Promise<boolean> {
    for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 20)))
      if (await condition()) return true;
    return condition();
  }
  /** Ends the server session holding `key` (as a server restart or a cut connection would). */
  async function cutSessionOf(key: LockKey): Promise<void> {
    const pids = await holders(key);
    expect(pids).toHaveLength(1);
    await observer.query('SELECT pg_terminate_backend($1)', [pids[0]]);
  }

  it('when its connection is lost while the process lives, then it reconnects by itself and takes its locks again', async () => {
    const key: LockKey = [0x7465_7374, 4243];
    const mine = openSessionLocks(url as string);
    try {
      expect(await mine.tryLock(key)).toBe(true);
      await cutSessionOf(key);
      // Without any call of this process: held again, by a new session.
      expect(await until(async () => !(await taken(key)), 2000)).toBe(true);
      expect(await until(() => taken(key), 5000)).toBe(true);
      expect(mine.holds(key)).toBe(true);
      expect(await free(key)).toBe(false);
      await mine.unlock(key);
      expect(await until(async () => !(await taken(key)), 2000)).toBe(true);
    } finally {
      await mine.close();
    }
  });

  it('when another session takes a lock while the connection is lost, then the process no longer holds it and says so', async () => {
    const key: LockKey = [0x7465_7374, 4245];
    const lost: LockKey[] = [];
    const mine = openSessionLocks(url as string, { onLost: (k) => lost.push(k) });
    try {
      expect(await mine.tryLock(key)).toBe(true);
      await cutSessionOf(key);
      // Taken by another session as soon as the server has freed it (before the reconnection, 0.1 s on).
      let got = false;
      for (let i = 0; i < 200 && !got; i++) got = await take(key);
      expect(got).toBe(true);
      expect(await until(async () => lost.length > 0, 5000)).toBe(true);
      expect(lost).toEqual([key]);
      expect(mine.holds(key)).toBe(false);
      expect(await mine.tryLock(key)).toBe(false);
      await observer.query('SELECT pg_advisory_unlock($1, $2)', [key[0], key[1]]);
      expect(await mine.tryLock(key)).toBe(true);
    } finally {
      await mine.close();
    }
  });
});
