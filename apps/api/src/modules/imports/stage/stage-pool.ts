import { setPriority } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ImportKindCode, StageContext, StagedImport } from '../import-types';
import { ImportFailure } from '../import-types';
import { ImportFileError, type ImportFileErrorCode } from '../parsers/import-file-error';
import type { StageRequest, StageResponse } from './stage-worker';

/**
 * Phase 1 of imports (parsing and checking the file, turning its records into rows) runs in a
 * worker thread, not on the API's event loop:
 * - it is the long, CPU-bound part of an import: on the main thread it would slow every request,
 *   and it would compete with phase 2 (the database writes of the run before) for one core, where
 *   the runner means them to overlap (import-runner.ts: the next file is staged while the current
 *   one is in its transaction) — with the worker, the two use both cores;
 * - the worker's heap is capped: a file too big for it fails its run, not the server.
 * One worker, one file at a time (the runner stages in queue order). It starts on first use, stops
 * after a minute idle, and never keeps the process alive.
 */

// The worker holds a file's pupils or guardians (5,000 pupils at most, the rest is spooled to
// disk) and up to 4 Mi characters of staged rows. Measured on 60 schools' exports: a 48 MiB old generation
// cost no more time than 64, 32 took twice as long (collecting garbage); a 16 MiB young generation
// (V8's default is larger) saved about 25 MiB of memory for the same time.
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 };
const IDLE_MS = 60_000;

interface Task {
  request: StageRequest;
  onProgress: StageContext['onProgress'];
  resolve(staged: StagedImport): void;
  reject(error: Error): void;
}

/**
 * The staging worker's scheduling priority (a nice value, 0 = the process's own): see
 * setStagingPriority.
 */
let niceness = 0;
/** The running worker's thread id for the operating system, once it is ready (Linux). */
let workerThreadId: number | undefined;

let nextId = 1;
let worker: Worker | undefined;
/** Resolves once the current worker has loaded its modules (or has failed to). */
let ready: Promise<void> = Promise.resolve();
let current: Task | undefined;
let idleTimer: NodeJS.Timeout | undefined;
const queue: Task[] = [];

function startWorker(): Worker {
  workerThreadId = undefined; // (the previous worker's, if any, until this one is ready)
  // No inherited `--import tsx`: it would give the worker a module-loading thread of its own
  // (about 30 MiB); the entry file registers tsx's in-thread require hook instead.
  const w = new Worker(join(__dirname, 'stage-worker.cjs'), { resourceLimits: RESOURCE_LIMITS, execArgv: [] });
  w.unref();
  let onReady = () => {};
  ready = new Promise<void>((resolve) => {
    onReady = resolve;
  });
  w.on('message', (res: StageResponse) => {
    if ('ready' in res) {
      workerThreadId = res.threadId;
      if (niceness && workerThreadId) setThreadNice(workerThreadId, niceness);
      onReady();
      return;
    }
    const task = current;
    if (!task || task.request.id !== res.id) return;
    if ('progress' in res) {
      task.onProgress(...res.progress);
      return;
    }
    current = undefined;
    if ('staged' in res) task.resolve(res.staged);
    else task.reject(errorFrom(res.error));
    dispatch();
  });
  const fail = (error: Error) => {
    onReady();
    if (worker !== w) return;
    worker = undefined;
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = undefined;
    current?.reject(error);
    current = undefined;
    dispatch();
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`Import staging worker stopped (exit code ${code})`)));
  return w;
}

function dispatch(): void {
  if (current) return;
  const task = queue.shift();
  if (!task) {
    if (worker && !idleTimer) {
      const idle = worker;
      idleTimer = setTimeout(() => {
        idleTimer = undefined;
        if (worker === idle && !current) {
          worker = undefined;
          idle.removeAllListeners('exit');
          void idle.terminate();
        }
      }, IDLE_MS);
      idleTimer.unref();
    }
    return;
  }
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = undefined;
  worker ??= startWorker();
  current = task;
  worker.postMessage(task.request);
}

/** The error as thrown in the worker: a file's own fault keeps its class (and French message). */
function errorFrom(e: { name: string; message: string; code?: string; stack?: string }): Error {
  if (e.name === 'ImportFileError') return new ImportFileError(e.code as ImportFileErrorCode, e.message);
  if (e.name === 'ImportFailure') return new ImportFailure(e.message);
  return Object.assign(new Error(e.message), { name: e.name, ...(e.stack ? { stack: e.stack } : {}) });
}

/**
 * Starts the worker ahead of a file (its start-up, loading the parsers, takes a few tenths of a
 * second): the upload route calls it when a file begins to arrive. Resolves once it is ready.
 */
export function warmStagePool(): Promise<void> {
  if (!worker) {
    worker = startWorker();
    dispatch(); // (no task: arms the idle timer)
  }
  return ready;
}

/**
 * Runs the staging worker below the process's priority (nice `value`; a worker already running
 * too). With the embedded database an import is bound by the chain of its transaction: the
 * database's process and the main thread, taking turns statement after statement, each waking
 * the other. The worker parses ahead with time to spare; at the same priority on a 2-core
 * machine it held a core when one of them woke, and each of the transaction's dozen round trips
 * waited for it. bench/imports, the académie on PGlite, alternated: 55.1 and 53.4 s at 0, 51.7
 * and 52.2 s at 5 (the transactions' own time 30.8 and 30.5 → 28.1 s twice). With a server the
 * worker is the bottleneck instead (the runner waits for it), and 5 changed nothing measurable
 * (52.2 and 46.4 s at 0, 49.9 and 46.9 s at 5): it keeps its priority there.
 */
export function setStagingPriority(value: number): void {
  niceness = value;
  if (worker && workerThreadId) setThreadNice(workerThreadId, value);
}

function setThreadNice(threadId: number, value: number): void {
  try {
    setPriority(threadId, value);
  } catch {
    // (not allowed, or not Linux: the worker keeps the process's priority)
  }
}

/** The running worker's thread id for the operating system, once it is ready (Linux; diagnostics: bench/imports). */
export const stagingThreadId = (): number | undefined => workerThreadId;

/** Whether the worker is running (started and not stopped since). */
export const stagePoolRunning = (): boolean => worker !== undefined;

/** Phase 1 of an import of this kind, in the staging worker. */
export function stageInWorker(kind: ImportKindCode, ctx: StageContext): Promise<StagedImport> {
  return new Promise((resolve, reject) => {
    const request: StageRequest = { id: nextId++, kind, filePath: ctx.filePath, stagePath: ctx.stagePath };
    queue.push({ request, onProgress: ctx.onProgress, resolve, reject });
    dispatch();
  });
}

/** Stops the worker (tests, shutdown). Pending stagings fail. */
export async function closeStagePool(): Promise<void> {
  const w = worker;
  worker = undefined;
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = undefined;
  const closed = new Error('Import staging pool closed');
  for (const task of queue.splice(0)) task.reject(closed);
  current?.reject(closed);
  current = undefined;
  if (w) {
    w.removeAllListeners('exit');
    await w.terminate();
  }
}
