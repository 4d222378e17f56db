import { resolve } from 'node:path';
import { z } from 'zod';
import { repoRoot } from './paths';

const booleanFlag = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL doit commencer par postgres:// ou postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  JASMIN_DATA_DIR: z.string().optional(),
  JASMIN_AUTO_MIGRATE: booleanFlag,
  JASMIN_WEB_DIST: z.string().optional(),
  JASMIN_BODY_LIMIT: z.string().default('100kb'),
  /** Largest uploaded import file, in MiB (an académie's exam results fit in a few dozen). */
  JASMIN_UPLOAD_LIMIT_MB: z.coerce.number().int().min(1).max(4096).default(512),
  /** Census date for cross-referencing (yyyy-mm-dd); default: today. */
  JASMIN_CENSUS_DATE: z.iso.date().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  autoMigrate: boolean;
  webDist: string | undefined;
  bodyLimit: string;
  uploadLimitBytes: number;
  censusDate: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
};

/** Reads and validates the environment once; a bad value stops start-up with a clear message. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Configuration invalide :\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    // Relative paths are taken from where the user typed the command (pnpm changes the cwd).
    dataDir: e.JASMIN_DATA_DIR
      ? resolve(source.INIT_CWD ?? process.cwd(), e.JASMIN_DATA_DIR)
      : resolve(repoRoot, '.data'),
    autoMigrate: e.JASMIN_AUTO_MIGRATE,
    webDist: e.JASMIN_WEB_DIST ? resolve(source.INIT_CWD ?? process.cwd(), e.JASMIN_WEB_DIST) : undefined,
    bodyLimit: e.JASMIN_BODY_LIMIT,
    uploadLimitBytes: e.JASMIN_UPLOAD_LIMIT_MB * 1024 * 1024,
    censusDate: e.JASMIN_CENSUS_DATE,
    logLevel: e.LOG_LEVEL,
  };
}
