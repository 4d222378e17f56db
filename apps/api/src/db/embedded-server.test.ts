import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { LOCK_FILE, DataDirInUseError } from './data-dir-lock';
import { openPglite, openServedEmbeddedDatabase } from './database';
import { startEmbeddedServer } from './embedded-server';

// The embedded database in a process of its own (the server and `pnpm jasmin import` run it so).

const dirs: string[] = [];
const scratch = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const socketDirOf = (url: string) => decodeURIComponent(new URL(url).searchParams.get('host') ?? '');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) if (condition()) return true;
  return condition();
}

describe('the embedded database in a process of its own', () => {
  it('when started on a new folder, then it is migrated, answers through the app’s adapter, keeps a transaction to itself, and stops cleanly', async () => {
    const server = await startEmbeddedServer(scratch('jasmin-embedded-'), { logLevel: 'warn' });
    const db = openServedEmbeddedDatabase(server);
    try {
      expect(db.kind).toBe('embedded');
      expect(await db.ping()).toBe(true);
      expect(await db.prisma.academy.count()).toBe(0);
      // One session behind the socket: while a transaction is open, the other connections'
      // queries wait for it (they never see, nor run inside, another connection's transaction).
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const tx = db.prisma.$transaction(async (t) => {
        await t.academy.create({ data: { code: 'TX', name: 'En transaction' } });
        await held;
      });
      await sleep(200);
      let counted: number | undefined;
      const counting = db.prisma.academy.count().then((n) => (counted = n));
      await sleep(300);
      expect(counted).toBeUndefined();
      release();
      await tx;
      await counting;
      expect(counted).toBe(1);
    } finally {
      await db.close();
    }
    expect(alive(server.pid)).toBe(false);
    expect(existsSync(socketDirOf(server.url))).toBe(false);
  }, 60_000);

  it('when the app’s process is killed, then the database’s process closes the database and ends by itself', async () => {
    const dir = scratch('jasmin-embedded-orphan-');
    const script = join(dir, 'app.ts');
    writeFileSync(
      script,
      `import { startEmbeddedServer } from ${JSON.stringify(join(__dirname, 'embedded-server'))};
       void startEmbeddedServer(${JSON.stringify(join(dir, 'data'))}, { logLevel: 'warn' }).then((s) => {
         process.stdout.write(JSON.stringify({ pid: s.pid, url: s.url }) + '\\n');
       });
       setInterval(() => undefined, 1000);`,
    );
    const app = spawn(process.execPath, ['--require', 'tsx/cjs', script], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NODE_OPTIONS: '' } });
    let out = '';
    app.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    expect(await until(() => out.includes('\n'), 45_000)).toBe(true);
    const { pid, url } = JSON.parse(out) as { pid: number; url: string };
    expect(alive(pid)).toBe(true);
    app.kill('SIGKILL');
    await once(app, 'exit');
    expect(await until(() => !alive(pid), 15_000)).toBe(true);
    expect(existsSync(socketDirOf(url))).toBe(false);
  }, 60_000);
  it('when the app’s process is killed while the database’s process is still opening and migrating a new folder, then that process ends by itself once open, and releases the folder', async () => {
    const dir = scratch('jasmin-embedded-early-orphan-');
    const data = join(dir, 'data');
    const script = join(dir, 'app.ts');
    writeFileSync(
      script,
      `import { startEmbeddedServer } from ${JSON.stringify(join(__dirname, 'embedded-server'))};
       void startEmbeddedServer(${JSON.stringify(data)}, { logLevel: 'warn' });
       setInterval(() => undefined, 1000);`,
    );
    const app = spawn(process.execPath, ['--require', 'tsx/cjs', script], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_OPTIONS: '' } });
    // The database's process has taken the folder (its pid in the lock) and is opening it: migrating a new folder takes seconds.
    const lock = join(data, LOCK_FILE);
    const holder = () => (existsSync(lock) ? Number(readFileSync(lock, 'utf8').trim()) || 0 : 0);
    expect(await until(() => holder() > 0, 45_000)).toBe(true);
    const pid = holder();
    app.kill('SIGKILL');
    await once(app, 'exit');
    expect(await until(() => !alive(pid), 45_000)).toBe(true);
    expect(existsSync(lock)).toBe(false);
  }, 120_000);

  it('when the folder is open in another process, then a second opening is refused in French and the first keeps it; once closed, it opens again', async () => {
    const dir = scratch('jasmin-embedded-locked-');
    const first = await startEmbeddedServer(dir, { logLevel: 'warn' });
    const db = openServedEmbeddedDatabase(first);
    try {
      expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(first.pid));
      await expect(startEmbeddedServer(dir, { logLevel: 'silent' })).rejects.toThrow(`déjà ouverte par un autre processus (pid ${first.pid})`);
      // In this process too (the command line's tools open the folder here).
      await expect(openPglite(dir)).rejects.toBeInstanceOf(DataDirInUseError);
      expect(await db.ping()).toBe(true);
      await db.prisma.academy.create({ data: { code: 'LOCK', name: 'Toujours là' } });
    } finally {
      await db.close();
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    const again = openServedEmbeddedDatabase(await startEmbeddedServer(dir, { logLevel: 'warn' }));
    try {
      expect(await again.prisma.academy.count({ where: { code: 'LOCK' } })).toBe(1);
    } finally {
      await again.close();
    }
  }, 90_000);

  it('when the process that had the folder open was killed, then its lock is stale and the folder opens', async () => {
    const dir = scratch('jasmin-embedded-stale-');
    const gone = spawn(process.execPath, ['-e', '0']);
    await once(gone, 'exit');
    writeFileSync(join(dir, LOCK_FILE), `${gone.pid}\n`);
    const pglite = await openPglite(dir);
    try {
      expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
      expect((await pglite.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await pglite.close();
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    // A lock holding this process's own id, not written by it: an earlier run's, whose ids were given again.
    writeFileSync(join(dir, LOCK_FILE), `${process.pid}\n`);
    const reopened = await openPglite(dir);
    try {
      // …but a second opening in this process is refused.
      await expect(openPglite(dir)).rejects.toBeInstanceOf(DataDirInUseError);
    } finally {
      await reopened.close();
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  }, 60_000);

  it('when asked for a statement profile, then it writes the time by statement text, without the values bound', async () => {
    const file = join(scratch('jasmin-profile-'), 'profile.txt');
    const server = await startEmbeddedServer(scratch('jasmin-embedded-'), { logLevel: 'warn', statementProfile: file });
    const db = openServedEmbeddedDatabase(server);
    try {
      for (const code of ['SECRET-1', 'SECRET-2', 'SECRET-3']) await db.prisma.$queryRawUnsafe('SELECT count(*) FROM academy WHERE code = $1', code);
    } finally {
      await db.close();
    }
    const profile = readFileSync(file, 'utf8');
    expect(profile).toMatch(/ms in all/);
    expect(profile).toMatch(/ms +3× +SELECT count\(\*\) FROM academy WHERE code = \$1/);
    expect(profile).not.toContain('SECRET');
  }, 60_000);
});
