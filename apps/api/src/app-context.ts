import type { Database } from './db/database';
import type { Env } from './lib/env';
import type { Logger } from './lib/logger';
import type { ImportRunner } from './modules/imports/import-runner';

/** Everything a request handler may use. Built once by server.ts (or by a test) and given to createApp(). */
export interface AppContext {
  db: Database;
  env: Pick<Env, 'nodeEnv' | 'bodyLimit' | 'webDist' | 'dataDir' | 'uploadLimitBytes' | 'censusDate'>;
  logger: Logger;
  /** The clock (tests move it to try timeouts). */
  now: () => Date;
  /** Runs imports in the background, one at a time. */
  imports: ImportRunner;
}
