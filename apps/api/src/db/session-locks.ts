import { Client, type QueryResultRow } from 'pg';

/** An advisory lock's key: PostgreSQL's two-int form (a space for the kind of thing locked, then the thing). */
export type LockKey = readonly [space: number, id: number];

/**
 * Session-level advisory locks on a PostgreSQL server, held on a connection of their own (not
 * the pool's: a pooled connection is anyone's between queries, and a session lock belongs to
 * the connection). What they say to other processes on the same database: "this process is
 * alive and owns that". The server releases them when the connection ends, so the locks of a
 * process that died or was killed go with it. (Through a pooler in transaction mode, such as
 * PgBouncer's, session locks mean nothing: DATABASE_URL must reach the server or a session pool.)
 *
 * Should the connection be lost while the process lives (the server restarted, the connection
 * was cut), it is opened again at once and the held locks taken again; a lock another session
 * took meanwhile is lost (onLost). A query that fails or takes too long ends the connection the
 * same way: the locks are never left in doubt.
 */
export interface SessionLocks {
  /** Takes the lock if no other session holds it; whether this process holds it now. Taking a lock held already is a no-op. */
  tryLock(key: LockKey): Promise<boolean>;
  /** Whether this process holds the lock (without asking the server). */
  holds(key: LockKey): boolean;
  /** Releases a lock this process holds (a no-op otherwise). */
  unlock(key: LockKey): Promise<void>;
  close(): Promise<void>;
}

export interface SessionLocksOptions {
  /** Told of a held lock that could not be taken again after a reconnection. */
  onLost?: (key: LockKey) => void;
  /** Time limit of each query (ms). */
  queryTimeoutMs?: number;
}

const name = (key: LockKey) => `${key[0]}:${key[1]}`;
const TRY_LOCK = 'SELECT pg_try_advisory_lock($1, $2) AS ok';
const RECONNECT_MAX_MS = 5000;

export function openSessionLocks(url: string, options: SessionLocksOptions = {}): SessionLocks {
  const held = new Map<string, LockKey>();
  let client: Promise<Client> | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let backoff = 100;
  // One call at a time on the connection: a lock is taken or released in the order asked.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const result = chain.then(work, work);
    chain = result.catch(() => undefined);
    return result;
  };

  /** The connection `c` (its promise `p`) is gone or in doubt: ended, and another one opened while locks are held. */
  const drop = (p: Promise<Client>, c: Client | undefined) => {
    if (client !== p) return; // (a late event of an older connection)
    client = undefined;
    void c?.end().catch(() => undefined);
    if (held.size && !closed) scheduleReconnect();
  };
  const scheduleReconnect = () => {
    if (retry || closed) return;
    retry = setTimeout(() => {
      retry = undefined;
      serial(() => connection()).then(
        () => (backoff = 100),
        () => {
          backoff = Math.min(backoff * 2, RECONNECT_MAX_MS);
          scheduleReconnect();
        },
      );
    }, backoff);
    retry.unref();
  };

  const connect = async (self: () => Promise<Client>): Promise<Client> => {
    const c = new Client({
      connectionString: url,
      connectionTimeoutMillis: 3000,
      keepAlive: true,
      query_timeout: options.queryTimeoutMs ?? 5000,
    });
    c.on('error', () => drop(self(), c));
    c.on('end', () => drop(self(), c));
    await c.connect();
    try {
      // An idle connection is what holds the locks: not to be ended for idling (PostgreSQL 14+).
      await c.query('SET idle_session_timeout = 0').catch(() => undefined);
      // Locks held before the connection was lost, taken again.
      for (const [k, key] of held) {
        const { rows } = await c.query<{ ok: boolean }>(TRY_LOCK, [key[0], key[1]]);
        if (!rows[0]?.ok) {
          held.delete(k);
          options.onLost?.(key);
        }
      }
    } catch (error) {
      await c.end().catch(() => undefined);
      throw error;
    }
    return c;
  };
  const connection = (): Promise<Client> => {
    if (closed) return Promise.reject(new Error('session locks closed'));
    if (!client) {
      const p: Promise<Client> = connect(() => p);
      client = p;
      p.catch(() => {
        if (client === p) client = undefined;
      });
    }
    return client;
  };
  /** A query on the connection; a failure ends it (drop): the next one starts from a known state. */
  const query = async <R extends object>(text: string, values: unknown[]): Promise<R[]> => {
    const p = connection();
    const c = await p;
    try {
      return (await c.query<R & QueryResultRow>(text, values)).rows;
    } catch (error) {
      drop(p, c);
      throw error;
    }
  };

  return {
    tryLock: (key) =>
      serial(async () => {
        if (held.has(name(key))) return true;
        const [row] = await query<{ ok: boolean }>(TRY_LOCK, [key[0], key[1]]);
        if (row?.ok) held.set(name(key), key);
        return row?.ok === true;
      }),
    holds: (key) => held.has(name(key)),
    unlock: (key) =>
      serial(async () => {
        if (!held.delete(name(key)) || !client) return;
        await query('SELECT pg_advisory_unlock($1, $2)', [key[0], key[1]]);
      }),
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      retry = undefined;
      const p = client;
      client = undefined;
      held.clear();
      if (p) await (await p.catch(() => undefined))?.end().catch(() => undefined);
    },
  };
}
