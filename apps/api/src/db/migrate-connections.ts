/**
 * Database connections handed to the wasm schema engine: a "migration-aware" driver adapter
 * factory (main database + shadow databases) for PostgreSQL (`@prisma/adapter-pg`) and PGlite
 * (`pglite-prisma-adapter`), with the fixes the engine needs, plus the migration lock.
 *
 * Fixes over the stock adapters (engine-side notes are in the header of migrate-engine.ts):
 * - adapter-pg rejects PostgreSQL's internal `"char"` type (OID 18), which the engine's
 *   introspection queries return (e.g. `pg_class.relkind`): the pool's clients report it as text.
 * - adapter-pg's `executeScript` splits the migration on `;` (breaks `DO $$ … $$`, strings with
 *   semicolons, and makes a failing migration half-applied): the whole script is sent as one
 *   simple-protocol query instead, as the native engine does (one implicit transaction).
 * - adapter-pg's shadow database drops the database before closing its pool and leaks a pool
 *   on the main database: ours creates `jasmin_shadow_<random>`, closes its pool, then
 *   `DROP DATABASE … WITH (FORCE)`; leftovers are dropped again in `close()`.
 * - pglite-prisma-adapter's `executeScript` does not await `exec()` (errors are lost) and its
 *   shadow PGlite is never closed: ours awaits and closes.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { Client, type Pool, type PoolClient } from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import {
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import { lockDataDir } from './data-dir-lock';

/** Key of our own advisory lock (the engine itself uses 72707369 on its connection). */
export const MIGRATION_LOCK_KEY = 72707370;
/** How long a second migrating process waits for the first one before giving up. */
const LOCK_TIMEOUT = '10min';
const APPLICATION_NAME = 'jasmin-migrate';
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

export interface MigrationConnection {
  /** Factory for `SchemaEngine.new` (wrap it with `bindMigrationAwareSqlAdapterFactory`). */
  readonly factory: SqlMigrationAwareDriverAdapterFactory;
  /** Run a read-only query on the main database, outside the engine. */
  query(sql: string): Promise<Record<string, unknown>[]>;
  /**
   * The database error of the last failed migration script, once. The engine turns some codes
   * into terse messages ("Null constraint failed: (col)"); this keeps PostgreSQL's own text.
   */
  takeScriptError(): string | undefined;
  /** Take the migration lock (cross-process advisory lock on PostgreSQL); released by `close()`. */
  lock(): Promise<void>;
  /** Close everything this connection opened (pools, shadow databases, PGlite instances, lock). */
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

/** A driver adapter that delegates to `inner` except for the given methods. */
function overrideAdapter(
  inner: SqlDriverAdapter,
  overrides: { executeScript?: (script: string) => Promise<void>; dispose?: () => Promise<void> },
): SqlDriverAdapter {
  const adapter: SqlDriverAdapter = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query) => inner.queryRaw(query),
    executeRaw: (query) => inner.executeRaw(query),
    executeScript: overrides.executeScript ?? ((script) => inner.executeScript(script)),
    startTransaction: (isolationLevel) => inner.startTransaction(isolationLevel),
    dispose: overrides.dispose ?? (() => inner.dispose()),
  };
  const getConnectionInfo = inner.getConnectionInfo?.bind(inner);
  if (getConnectionInfo) adapter.getConnectionInfo = getConnectionInfo;
  return adapter;
}

/** Fields of a PostgreSQL error as reported by node-postgres and PGlite. */
interface PgErrorLike {
  code: string;
  message: string;
  severity?: string;
  detail?: string;
  column?: string;
  hint?: string;
}

function isPgError(error: unknown): error is PgErrorLike {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

function describePgError(error: PgErrorLike): string {
  const lines = [`${error.severity ?? 'ERROR'} ${error.code}: ${error.message}`];
  if (error.detail) lines.push(`DETAIL: ${error.detail}`);
  if (error.hint) lines.push(`HINT: ${error.hint}`);
  return lines.join('\n');
}

/** Remembers the last script error for `takeScriptError()`. */
class ScriptErrors {
  private last: string | undefined;
  record(error: unknown): void {
    this.last = isPgError(error) ? describePgError(error) : String(error);
  }
  take(): string | undefined {
    const last = this.last;
    this.last = undefined;
    return last;
  }
}

/** Lets the engine handle a database error as it does one from adapter-pg's queries. */
function toDriverAdapterError(error: unknown): unknown {
  if (!isPgError(error)) return error;
  return new DriverAdapterError({
    kind: 'postgres',
    code: error.code,
    severity: error.severity ?? 'ERROR',
    message: error.message,
    detail: error.detail,
    column: error.column,
    hint: error.hint,
  });
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

/** Report `"char"` columns as text so that adapter-pg accepts them (they arrive as strings). */
function charColumnsAsText(result: unknown): unknown {
  const fields = (result as { fields?: unknown } | undefined)?.fields;
  if (Array.isArray(fields)) {
    for (const field of fields as { dataTypeID?: number }[]) {
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
  }
  return result;
}

/** Patch one pooled client's `query` (both the promise and the callback forms). */
function patchCharColumns(client: PoolClient): void {
  const original = client.query.bind(client) as (...args: unknown[]) => unknown;
  const patched = (...args: unknown[]): unknown => {
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      const callback = last as (error: unknown, result: unknown) => void;
      args[args.length - 1] = (error: unknown, result: unknown) => callback(error, charColumnsAsText(result));
      return original(...args);
    }
    const out = original(...args);
    if (out instanceof Promise) return out.then(charColumnsAsText);
    return out;
  };
  (client as unknown as { query: unknown }).query = patched;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

class PostgresConnection implements MigrationConnection {
  readonly factory: SqlMigrationAwareDriverAdapterFactory;
  /** Adapters whose pools are still open (each one owns its pool). */
  private readonly adapters = new Set<SqlDriverAdapter>();
  private readonly shadowDatabases = new Set<string>();
  private lockClient: Client | undefined;
  private readonly scriptErrors = new ScriptErrors();

  constructor(private readonly url: string) {
    this.factory = {
      provider: 'postgres',
      adapterName: '@prisma/adapter-pg',
      // The main pool is ended in close(), once the engine is done with it.
      connect: () => this.connectAdapter(this.url, async () => undefined),
      connectToShadowDb: () => this.connectShadow(),
    };
  }

  /**
   * An adapter-pg adapter on its own pool. The pool is created by adapter-pg from a config (a
   * Pool instance from another copy of `pg` would fail its `instanceof` check) and patched
   * through `underlyingDriver()`.
   */
  private async connectAdapter(
    connectionString: string,
    dispose: (inner: SqlDriverAdapter) => Promise<void>,
  ): Promise<SqlDriverAdapter> {
    // One connection per pool: the engine takes a session-level advisory lock and expects its
    // later queries to run on that same session (another pooled session would wait for it).
    const inner = await new PrismaPg({ connectionString, max: 1, application_name: APPLICATION_NAME }).connect();
    const pool = inner.underlyingDriver() as unknown as Pool;
    pool.on('connect', patchCharColumns);
    this.adapters.add(inner);
    return overrideAdapter(inner, {
      // A query without parameters goes through the simple protocol, which runs a
      // multi-statement script in one implicit transaction. The error is passed on as a plain
      // PostgreSQL error (adapter-pg would map e.g. 23502 to a bare "Null constraint failed").
      executeScript: async (script) => {
        try {
          await pool.query(script);
        } catch (error) {
          this.scriptErrors.record(error);
          throw toDriverAdapterError(error);
        }
      },
      dispose: () => dispose(inner),
    });
  }

  /** Ends the adapter's pool (once). */
  private async disposeAdapter(inner: SqlDriverAdapter): Promise<void> {
    if (this.adapters.delete(inner)) await inner.dispose();
  }

  private async admin(sql: string): Promise<void> {
    const client = new Client({ connectionString: this.url, application_name: APPLICATION_NAME });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  private async connectShadow(): Promise<SqlDriverAdapter> {
    const name = `jasmin_shadow_${randomBytes(8).toString('hex')}`;
    await this.admin(`CREATE DATABASE "${name}"`);
    this.shadowDatabases.add(name);
    return this.connectAdapter(withDatabase(this.url, name), async (inner) => {
      await this.disposeAdapter(inner);
      await this.dropShadow(name);
    });
  }

  private async dropShadow(name: string): Promise<void> {
    if (!this.shadowDatabases.has(name)) return;
    // WITH (FORCE) (PostgreSQL 13+) in case a session is still attached.
    await this.admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    this.shadowDatabases.delete(name);
  }

  async query(sql: string): Promise<Record<string, unknown>[]> {
    const client = new Client({ connectionString: this.url, application_name: APPLICATION_NAME });
    await client.connect();
    try {
      return (await client.query<Record<string, unknown>>(sql)).rows;
    } finally {
      await client.end();
    }
  }

  takeScriptError(): string | undefined {
    return this.scriptErrors.take();
  }

  async lock(): Promise<void> {
    if (this.lockClient) return;
    const client = new Client({ connectionString: this.url, application_name: APPLICATION_NAME });
    // The session stays idle while the engine migrates: a dropped connection must not crash
    // the process (the lock is gone with it; the engine's own lock still guards its session).
    client.on('error', () => undefined);
    await client.connect();
    try {
      await client.query(`SET lock_timeout = '${LOCK_TIMEOUT}'`);
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    } catch (error) {
      await client.end().catch(() => undefined);
      if (isPgError(error) && error.code === '55P03') {
        throw new Error(
          `Another process has been migrating this database for more than ${LOCK_TIMEOUT} ` +
            `(advisory lock ${MIGRATION_LOCK_KEY}); giving up.`,
          { cause: error },
        );
      }
      throw error;
    }
    this.lockClient = client;
  }

  async close(): Promise<void> {
    const errors: unknown[] = [];
    const attempt = async (step: () => Promise<void>) => {
      try {
        await step();
      } catch (error) {
        errors.push(error);
      }
    };
    // Pools first (ends the engine's sessions and its advisory lock), then shadows, then ours.
    for (const inner of [...this.adapters]) await attempt(() => this.disposeAdapter(inner));
    for (const name of [...this.shadowDatabases]) await attempt(() => this.dropShadow(name));
    const lockClient = this.lockClient;
    this.lockClient = undefined;
    if (lockClient) await attempt(() => lockClient.end());
    if (errors.length > 0) throw errors[0];
  }
}

export function openPostgres(url: string): MigrationConnection {
  return new PostgresConnection(url);
}

// ---------------------------------------------------------------------------------------------
// PGlite

/**
 * A fresh PGlite runs initdb (~2 s). Shadow databases are loaded from a gzip dump of a pristine
 * instance instead (~0.6 s), made once per process on first use.
 */
let pristineDump: Promise<File | Blob> | undefined;

async function freshPglite(): Promise<PGlite> {
  pristineDump ??= (async () => {
    const template = await PGlite.create();
    try {
      return await template.dumpDataDir('gzip');
    } finally {
      await template.close();
    }
  })();
  pristineDump.catch(() => {
    pristineDump = undefined;
  });
  return PGlite.create({ loadDataDir: await pristineDump });
}

function pgliteAdapter(db: PGlite, errors: ScriptErrors, dispose: () => Promise<void>): Promise<SqlDriverAdapter> {
  return new PrismaPGlite(db).connect().then((inner) =>
    overrideAdapter(inner, {
      executeScript: async (script) => {
        try {
          await db.exec(script);
        } catch (error) {
          errors.record(error);
          throw toDriverAdapterError(error);
        }
      },
      dispose,
    }),
  );
}

/** Queues the uses of one PGlite data directory within this process. */
const pgliteLocks = new Map<string, Promise<void>>();

async function acquireProcessLock(key: string): Promise<() => void> {
  const previous = pgliteLocks.get(key) ?? Promise.resolve();
  let release: () => void = () => undefined;
  const current = new Promise<void>((resolve) => {
    release = resolve;
  });
  const chained = previous.then(() => current);
  pgliteLocks.set(key, chained);
  await previous;
  return () => {
    release();
    if (pgliteLocks.get(key) === chained) pgliteLocks.delete(key);
  };
}

class PgliteConnection implements MigrationConnection {
  readonly factory: SqlMigrationAwareDriverAdapterFactory;
  private readonly shadows = new Set<PGlite>();
  private readonly scriptErrors = new ScriptErrors();
  private closed = false;

  /**
   * @param db the main database
   * @param ownsDb close `db` in `close()` (false when the caller passed its own instance)
   * @param releaseLock releases the in-process lock taken before opening `db`
   * @param shadowIsMain use `db` itself as the shadow database (a throwaway scratch instance)
   */
  constructor(
    private readonly db: PGlite,
    private readonly ownsDb: boolean,
    private readonly releaseLock: () => void,
    shadowIsMain = false,
  ) {
    this.factory = {
      provider: 'postgres',
      adapterName: 'pglite-prisma-adapter',
      connect: () => pgliteAdapter(this.db, this.scriptErrors, async () => undefined),
      connectToShadowDb: shadowIsMain
        ? () => pgliteAdapter(this.db, this.scriptErrors, async () => undefined)
        : async () => {
            const shadow = await freshPglite();
            this.shadows.add(shadow);
            return pgliteAdapter(shadow, this.scriptErrors, async () => {
              if (this.shadows.delete(shadow)) await shadow.close();
            });
          },
    };
  }

  async query(sql: string): Promise<Record<string, unknown>[]> {
    const result = await this.db.query<Record<string, unknown>>(sql);
    return result.rows;
  }

  takeScriptError(): string | undefined {
    return this.scriptErrors.take();
  }

  async lock(): Promise<void> {
    // Already serialized: see openPglite.
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      for (const shadow of [...this.shadows]) {
        this.shadows.delete(shadow);
        await shadow.close();
      }
      if (this.ownsDb) {
        await this.db.close();
      } else {
        // PGlite has a single session: drop the engine's advisory lock on the caller's instance.
        await this.db.query('SELECT pg_advisory_unlock_all()');
      }
    } finally {
      this.releaseLock();
    }
  }
}

/**
 * Opens (or reuses) a PGlite database persisted in `dataDir`. PGlite is single-process and
 * single-session, so every use of one data directory is queued in this process, from before it
 * is opened until it is closed; another process that has it open makes the opening fail
 * (data-dir-lock.ts).
 */
export async function openPglite(dataDir: string, instance?: PGlite): Promise<MigrationConnection> {
  const releaseInProcess = await acquireProcessLock(path.resolve(dataDir));
  let unlock = () => undefined as void;
  const release = () => {
    unlock();
    releaseInProcess();
  };
  try {
    // Opened here: the folder is taken from other processes too (data-dir-lock.ts); a caller's
    // instance was taken by whoever opened it.
    if (!instance) unlock = lockDataDir(dataDir);
    const db = instance ?? (await PGlite.create({ dataDir }));
    return new PgliteConnection(db, instance === undefined, release);
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * A throwaway in-memory PGlite used both as the engine's main connection (which the engine
 * opens eagerly but a diff does not touch) and as its shadow database.
 */
export async function openScratchPglite(): Promise<MigrationConnection> {
  return new PgliteConnection(await freshPglite(), true, () => undefined, true);
}
