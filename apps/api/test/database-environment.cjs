// Jest environment for API tests: one embedded PostgreSQL (PGlite) per jest worker, not per
// test file. This module is loaded once per worker, outside the test files' sandboxes, so
// the instance below survives from one test file to the next. It is opened from a copy of
// the migrated template that global-setup.ts prepared. With DATABASE_URL, tests use that
// server instead and this environment adds nothing.
const { cpSync, mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { TestEnvironment } = require('jest-environment-node');

let workerDatabase; // Promise<PGlite> shared by every test file of this worker
let workerDir;

function openWorkerDatabase() {
  if (!workerDatabase) {
    const template = process.env.JASMIN_TEST_TEMPLATE_DIR;
    if (!template) throw new Error('JASMIN_TEST_TEMPLATE_DIR is not set: global-setup did not run');
    workerDir = mkdtempSync(join(tmpdir(), `jasmin-test-w${process.env.JEST_WORKER_ID ?? '0'}-`));
    cpSync(template, workerDir, { recursive: true });
    const { PGlite } = require('@electric-sql/pglite');
    workerDatabase = PGlite.create(workerDir);
    process.once('exit', () => rmSync(workerDir, { recursive: true, force: true }));
  }
  return workerDatabase;
}

class DatabaseEnvironment extends TestEnvironment {
  async setup() {
    await super.setup();
    if (!process.env.DATABASE_URL) {
      this.global.__JASMIN_PGLITE__ = await openWorkerDatabase();
      // The module the instance was made by: test files must see the same classes (the
      // adapter tells database errors apart with instanceof), see use-worker-pglite.ts.
      this.global.__JASMIN_PGLITE_MODULE__ = require('@electric-sql/pglite');
    }
  }
}

module.exports = DatabaseEnvironment;
