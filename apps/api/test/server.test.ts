import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createScratchDatabase } from './support/scratch-database';
import type { DatabaseTarget } from '../src/db/database';

// server.ts as a real process: start-up migrations, refusal on a pending migration, SIGTERM.

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface Running {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

async function startServer(target: DatabaseTarget, extraEnv: Record<string, string> = {}, args: string[] = []): Promise<Running> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_OPTIONS: '',
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    DATABASE_URL: target.kind === 'postgres' ? target.url : '',
    JASMIN_DATA_DIR: target.kind === 'embedded' ? target.dataDir : '',
    JASMIN_AUTO_MIGRATE: '',
    ...extraEnv,
  };
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', 'src/server.ts', ...args], {
    cwd: join(__dirname, '..'),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, port, output: () => out, exited };
}

async function waitForHealth(server: Running, timeoutMs = 60_000): Promise<Response | 'exited'> {
  const deadline = Date.now() + timeoutMs;
  let done = false;
  void server.exited.then(() => (done = true));
  while (Date.now() < deadline) {
    if (done) return 'exited';
    try {
      return await fetch(`http://127.0.0.1:${server.port}/api/health`);
    } catch {
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  throw new Error(`server did not answer:\n${server.output()}`);
}

describe('server.ts', () => {
  let scratch: { target: DatabaseTarget; drop(): Promise<void> };
  beforeAll(async () => {
    scratch = await createScratchDatabase();
  });
  afterAll(async () => {
    await scratch.drop();
  });

  it('when started on a fresh database, then it migrates as its engine requires, serves health, and stops cleanly on SIGTERM', async () => {
    if (scratch.target.kind === 'postgres') {
      // A shared server is never migrated implicitly.
      const refused = await startServer(scratch.target);
      expect(await refused.exited).toBe(1);
      expect(refused.output()).toContain('migration(s) en attente');
      expect(refused.output()).toContain('JASMIN_AUTO_MIGRATE=1');
    }
    const server = await startServer(scratch.target, scratch.target.kind === 'postgres' ? { JASMIN_AUTO_MIGRATE: '1' } : {});
    const res = await waitForHealth(server);
    expect(res).not.toBe('exited');
    expect((res as Response).status).toBe(200);
    expect(await (res as Response).json()).toEqual({ status: 'ok', database: 'ok' });

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('shutting down');
    expect(server.output()).toContain('"msg":"stopped"');
  }, 120_000);

  it('when started with a bad configuration, then it refuses with a French message', async () => {
    const server = await startServer(scratch.target, { PORT: 'quatre' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('Configuration invalide');
    expect(server.output()).toContain('PORT');
  }, 60_000);
});
