import { Client } from 'pg';

/** An advisory lock's key: PostgreSQL's two-int form (a space for the kind of thing locked, then the thing). */
export type LockKey = readonly [space: number, id: number];

/**
 * Session-level advisory locks on a PostgreSQL server, held on a connection of their own (not
 * the pool's: a pooled connection is anyone's between queries, and a session lock belongs to
 * the connection). What they say to other processes on the same database: "this process is
 * alive and owns that". The server releases them when the connection ends, so the locks of a
 * process that died or was killed go with it.
 *
 * Should the connection be lost while the process lives (the server restarted), the next call
 * reconnects and takes the held locks again.
 */
export interface SessionLocks {
  /** Takes the lock if no other session holds it; whether this process holds it now. Taking a lock held already is a no-op. */
  tryLock(key: LockKey): Promise<boolean>;
  /** Releases a lock this process holds (a no-op otherwise). */
  unlock(key: LockKey): Promise<void>;
  close(): Promise<void>;
}

const name = (key: LockKey) => `${key[0]}:${key[1]}`;

export function openSessionLocks(url: string): SessionLocks {
  const held = new Map<string, LockKey>();
  let client: Promise<Client> | undefined;
  let closed = false;
  // One call at a time on the connection: a lock is taken or released in the order asked.
  let chain: Promise<unknown> = Promise.resolve();

  const connect = async (): Promise<Client> => {
    const c = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    // A lost connection (the server restarted): the next call opens another one.
    c.on('error', () => {
      client = undefined;
    });
    c.on('end', () => {
      client = undefined;
    });
    await c.connect();
    // Locks held before the connection was lost, taken again (another process may have taken one meanwhile: then it is no longer held here).
    for (const [k, key] of held) {
      const { rows } = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [
        key[0],
        key[1],
      ]);
      if (!rows[0]?.ok) held.delete(k);
    }
    return c;
  };
  const connection = (): Promise<Client> => {
    if (closed) return Promise.reject(new Error('session locks closed'));
    client ??= connect().catch((error: unknown) => {
      client = undefined;
      throw error;
    });
    return client;
  };
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const result = chain.then(work, work);
    chain = result.catch(() => undefined);
    return result;
  };

  return {
    tryLock: (key) =>
      serial(async () => {
        if (held.has(name(key))) return true;
        const { rows } = await (
          await connection()
        ).query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [key[0], key[1]]);
        if (rows[0]?.ok) held.set(name(key), key);
        return rows[0]?.ok === true;
      }),
    unlock: (key) =>
      serial(async () => {
        if (!held.delete(name(key)) || !client) return;
        await (await connection()).query('SELECT pg_advisory_unlock($1, $2)', [key[0], key[1]]);
      }),
    async close() {
      closed = true;
      const c = client;
      client = undefined;
      held.clear();
      if (c) await (await c.catch(() => undefined))?.end().catch(() => undefined);
    },
  };
}
