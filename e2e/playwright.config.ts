import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);
const root = resolve(__dirname, '..');
// A fresh embedded database for each run, loaded with the demo académie.
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'jasmin-e2e-'));

export default defineConfig({
  testDir: './specs',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [
    ['list'],
    ['html', { outputFolder: 'playwright-report', open: 'never' }],
    ...(process.env.JASMIN_E2E_REPORT ? [['json', { outputFile: process.env.JASMIN_E2E_REPORT }] as const] : []),
  ],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'fr-FR',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    // Screens one by one; then the guide walk, which fills the lists the first ones find empty.
    { name: 'screens', testIgnore: /guide\.spec\.ts/ },
    { name: 'guide', testMatch: /guide\.spec\.ts/, dependencies: ['screens'] },
  ],
  webServer: {
    command: 'node --require tsx/cjs src/server.ts --migrate --seed-demo',
    cwd: join(root, 'apps/api'),
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      DATABASE_URL: '',
      JASMIN_DATA_DIR: dataDir,
      JASMIN_WEB_DIST: join(root, 'apps/web/dist'),
      LOG_LEVEL: 'warn',
    },
  },
});
