import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Messages between the app and the embedded database's process. */
export type EmbeddedServerMessage = { type: 'ready' } | { type: 'failed'; message: string } | { type: 'stop' };

/** The socket's file name, as PostgreSQL clients look for it in the `host` folder (port 5432). */
export const SOCKET_FILE = '.s.PGSQL.5432';

export interface EmbeddedServer {
  /** A PostgreSQL connection string to it (Unix socket). */
  url: string;
  /** Its process (the benchmark reads its memory). */
  pid: number;
  /** Closes the database and ends its process. */
  stop(): Promise<void>;
}

const STOP_TIMEOUT_MS = 15_000;

/**
 * Runs the embedded database (PGlite on `dataDir`) in a process of its own, served over a Unix
 * socket with the PostgreSQL protocol, after migrating it. The app then talks to it as to a server
 * (the same `pg` adapter): its queries run on another core than the API's event loop — which no
 * longer stops during an import's statements — and its memory (PGlite's WebAssembly heap, which
 * never shrinks) is not the API's. The process ends when the app stops it, or when the app's
 * process is gone.
 */
export async function startEmbeddedServer(
  dataDir: string,
  /** statementProfile: a file for the time by statement (statement-profile.ts); default JASMIN_EMBEDDED_STATEMENT_PROFILE. */
  options: { logLevel?: string; statementProfile?: string } = {},
): Promise<EmbeddedServer> {
  const socketDir = mkdtempSync(join(tmpdir(), 'jasmin-db-'));
  const child = fork(join(__dirname, 'embedded-server-main.cjs'), [dataDir, socketDir, options.logLevel ?? 'info'], {
    // tsx's require hook is loaded by the entry file; the app's heap flags do not concern PGlite.
    execArgv: [],
    env: options.statementProfile ? { ...process.env, JASMIN_EMBEDDED_STATEMENT_PROFILE: options.statementProfile } : process.env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await new Promise<void>((resolve, reject) => {
      child.on('message', (m: EmbeddedServerMessage) => {
        if (m.type === 'ready') resolve();
        else if (m.type === 'failed') reject(new Error(m.message));
      });
      void exited.then((code) => reject(new Error(`La base de données intégrée s'est arrêtée au démarrage (code ${code}).`)));
    });
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(socketDir, { recursive: true, force: true });
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    url: `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(socketDir)}`,
    pid: child.pid as number,
    stop: () =>
      (stopped ??= (async () => {
        if (child.exitCode === null && child.connected) child.send({ type: 'stop' } satisfies EmbeddedServerMessage);
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
        rmSync(socketDir, { recursive: true, force: true });
      })()),
  };
}
