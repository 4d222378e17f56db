import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The lock file of an embedded database's folder: the id of the process that has it open. */
export const LOCK_FILE = 'jasmin.lock';

/** The embedded database's folder is open in another process (refused: two would corrupt it). */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `La base de données intégrée (${dataDir}) est déjà ouverte par un autre processus (pid ${pid}) : ` +
        "arrêtez-le d'abord (serveur Jasmin, import en ligne de commande…), ou utilisez une base PostgreSQL (DATABASE_URL). " +
        `Si aucun processus Jasmin ne tourne, supprimez le fichier ${join(dataDir, LOCK_FILE)}.`,
    );
    this.name = 'DataDirInUseError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The folders this process holds (a second opening here is refused as well). */
const held = new Set<string>();

function holderOf(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the embedded database's folder for this process, or throws DataDirInUseError. PGlite
 * locks nothing: two processes could open the same folder, each writing its own pages and
 * journal over the other's (seen: a server and a command-line import). As PostgreSQL's own
 * postmaster.pid, the lock is a file holding the holder's process id, created exclusively; a
 * file whose process is gone (killed, crashed) is stale and taken over. Returns the release
 * (idempotent; it removes the file only while it is still this process's).
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = resolve(dataDir, LOCK_FILE);
  if (held.has(path)) throw new DataDirInUseError(dataDir, process.pid);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, `${process.pid}\n`);
      } finally {
        closeSync(fd);
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = holderOf(path);
      // This process's id or its parent's in a file this process did not write: left by an earlier
      // run whose ids were given again (a container restarted), as PostgreSQL's postmaster.pid.
      const recycled = holder === process.pid || holder === process.ppid;
      if (holder !== undefined && !recycled && isAlive(holder)) throw new DataDirInUseError(dataDir, holder);
      // Stale (its process is gone) or unreadable (being written, or left empty by a crash): once.
      if (attempt > 0) throw new DataDirInUseError(dataDir, holder ?? 0);
      rmSync(path, { force: true });
    }
  }
  held.add(path);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    held.delete(path);
    if (holderOf(path) === process.pid) rmSync(path, { force: true });
  };
}
