// The embedded database's own process (started by embedded-server.ts): opens PGlite on the data
// folder, brings its schema up to date, and serves it over a Unix socket until told to stop or
// until the process that started it is gone.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { createLogger } from '../lib/logger';
import { openPglite } from './pglite';
import { prepareSchema } from './prepare-schema';
import { installStatementProfile } from './statement-profile';
import { SOCKET_FILE, type EmbeddedServerMessage } from './embedded-server';

/** Set once the app's process is gone, or asks to stop, before the database is served (see main). */
let stopBeforeServing = false;
let stopServing: (() => Promise<void>) | undefined;
const stopAsked = () => {
  if (stopServing) void stopServing();
  else stopBeforeServing = true;
};
// From the first moment: an app killed while this process opens and migrates the database would
// otherwise go unnoticed ('disconnect' is not emitted again), and this process would serve, and
// hold the folder's lock, with no one left to stop it.
process.on('disconnect', stopAsked);
process.on('SIGTERM', stopAsked);
process.on('SIGINT', () => undefined); // Ctrl-C reaches the whole group: the app stops us in order

async function main(): Promise<void> {
  const [dataDir, socketDir, logLevel] = process.argv.slice(2) as [string, string, string | undefined];
  const logger = createLogger(logLevel ?? 'info', process.stderr);
  const pglite = await openPglite(dataDir);
  await prepareSchema({ target: { kind: 'embedded', dataDir }, pglite, migrateRequested: true, logger });
  const profile = process.env.JASMIN_EMBEDDED_STATEMENT_PROFILE;
  if (profile) installStatementProfile(pglite, profile);
  // The app holds one connection (database.ts openServedEmbeddedDatabase); a few more are allowed
  // for tools (the benchmark's checks), served one query at a time by the socket server.
  const server = new PGLiteSocketServer({ db: pglite, path: join(socketDir, SOCKET_FILE), maxConnections: 4 });
  await server.start();
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await server.stop();
      await pglite.close();
      rmSync(socketDir, { recursive: true, force: true });
      process.exit(0);
    })());
  process.on('message', (m: EmbeddedServerMessage) => {
    if (m.type === 'stop') void stop();
  });
  // The app's process is gone (crashed or killed), or asked to stop: the database is closed cleanly all the same.
  stopServing = stop;
  if (stopBeforeServing || (process.send && !process.connected)) return void stop();
  process.send?.({ type: 'ready' } satisfies EmbeddedServerMessage);
}

main().catch((error: unknown) => {
  process.send?.({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies EmbeddedServerMessage);
  process.exit(1);
});
