import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { EmbeddedServer } from './embedded-server';
import { openPglite } from './pglite';
import type { Logger } from '../lib/logger';
import { openSessionLocks, type SessionLocks } from './session-locks';
import { PrismaClient } from '../generated/prisma/client';

export { openPglite };

export type DatabaseKind = 'embedded' | 'postgres';

/** The application's handle on its database, whichever engine is behind it. */
export interface Database {
  readonly kind: DatabaseKind;
  readonly prisma: PrismaClient;
  /**
   * Session-level advisory locks (session-locks.ts), on a server only: several processes may
   * share it (a server and `pnpm jasmin import`, or two instances during a deployment). The
   * embedded database has no such need: its folder is one process's (data-dir-lock.ts).
   */
  readonly locks?: SessionLocks;
  /** True when a `SELECT 1` answers within the time limit. Never throws. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

export type DatabaseTarget = { kind: 'embedded'; dataDir: string } | { kind: 'postgres'; url: string };

export function targetFromEnv(env: { databaseUrl: string | undefined; dataDir: string }): DatabaseTarget {
  return env.databaseUrl ? { kind: 'postgres', url: env.databaseUrl } : { kind: 'embedded', dataDir: env.dataDir };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timeout after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function wrap(kind: DatabaseKind, prisma: PrismaClient, closeDriver: () => Promise<void>, locks?: SessionLocks): Database {
  return {
    kind,
    prisma,
    ...(locks ? { locks } : {}),
    async ping(timeoutMs = 2000) {
      try {
        await withTimeout(prisma.$queryRaw`SELECT 1`, timeoutMs);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await prisma.$disconnect();
      await closeDriver();
      // Last: a transaction still running until the disconnection keeps its process's locks.
      await locks?.close();
    },
  };
}

/**
 * The app's database on an open PGlite. With `owned`, closing the Database closes PGlite too;
 * tests pass their worker's shared instance without it.
 */
export function openEmbeddedDatabase(pglite: PGlite, options: { owned?: boolean } = {}): Database {
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return wrap('embedded', prisma, async () => {
    if (options.owned) await pglite.close();
  });
}

/**
 * The embedded database served by a process of its own (embedded-server.ts), through the same
 * adapter as a server. Closing the Database stops that process. One connection: PGlite is one
 * session, and the socket server's multiplexing of several connections interleaves their
 * protocol messages in that one session (seen: a request's session lookup failing while an
 * import's transaction ran); queries wait for the connection as they waited for PGlite in this
 * process before (no time limit: a request waits for an import's transaction to end).
 */
export function openServedEmbeddedDatabase(server: EmbeddedServer): Database {
  const adapter = new PrismaPg({ connectionString: server.url, max: 1, connectionTimeoutMillis: 0, idleTimeoutMillis: 0 });
  return wrap('embedded', new PrismaClient({ adapter }), () => server.stop());
}

/** A PostgreSQL server. The pool fails fast while the server is down and recovers by itself. */
export function openPostgresDatabase(url: string, options: { max?: number; logger?: Logger } = {}): Database {
  const adapter = new PrismaPg({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 30_000,
  });
  const prisma = new PrismaClient({ adapter });
  // (No connection until a lock is asked for.)
  const locks = openSessionLocks(url, {
    onLost: (key) => options.logger?.warn({ key }, 'an advisory lock held by this process was lost with its connection and taken by another session'),
  });
  return wrap('postgres', prisma, async () => undefined, locks);
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === 'embedded'
    ? openEmbeddedDatabase(await openPglite(target.dataDir), { owned: true })
    : openPostgresDatabase(target.url);
}
