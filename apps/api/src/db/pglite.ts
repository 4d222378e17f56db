import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock';

/**
 * PostgreSQL's buffer pool inside the embedded database. PGlite's default (128 MB, PostgreSQL's)
 * lives in the WebAssembly heap of this process, on top of the OS page cache that already holds
 * the same pages. bench/imports at scale 0.1: 32 MB → floor 315 MiB, peak 410 MiB; 16 MB → 302
 * and 378 MiB at the same speed (8 MB: 280 and 372 MiB).
 */
const PGLITE_SHARED_BUFFERS = '16MB';

/**
 * Opens (creating if needed) the embedded PostgreSQL kept in `dataDir`, for this process only
 * (data-dir-lock.ts: another process that has it open → DataDirInUseError, nothing opened);
 * closing it releases the folder.
 */
export async function openPglite(dataDir: string): Promise<PGlite> {
  const release = lockDataDir(dataDir); // (creating the folder if needed)
  try {
    const pglite = await PGlite.create(dataDir, { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`] });
    const close = pglite.close.bind(pglite);
    pglite.close = async () => {
      try {
        await close();
      } finally {
        release();
      }
    };
    return pglite;
  } catch (error) {
    release();
    throw error;
  }
}
