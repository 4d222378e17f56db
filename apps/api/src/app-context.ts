import type { Database } from './db/database';
import type { Env } from './lib/env';
import type { Logger } from './lib/logger';

/** Everything a request handler may use. Built once by server.ts (or by a test) and given to createApp(). */
export interface AppContext {
  db: Database;
  env: Pick<Env, 'nodeEnv' | 'bodyLimit' | 'webDist'>;
  logger: Logger;
  /** The clock (tests move it to try timeouts). */
  now: () => Date;
}
