import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FicheData } from './fiche-model';
import type { RenderRequest, RenderResponse } from './render-worker';

/**
 * PDF rendering runs in worker threads, not on the API's event loop:
 * - React-PDF's layout is synchronous work (40-50 ms a fiche, about 0.4 s for a part of a
 *   batch): on the main thread it would stall every other request meanwhile;
 * - each worker's heap is capped (resourceLimits), so a batch's memory stays bounded whatever
 *   its size, and a runaway document kills its worker, not the server;
 * - with more than one worker (JASMIN_PDF_WORKERS), a batch renders parts side by side;
 * - React-PDF is ESM-only: loaded natively in a worker, it also runs under jest (whose
 *   CommonJS sandbox cannot load it reliably more than once per process).
 * Workers start on first use, stop after a minute idle, and never keep the process alive.
 */

/**
 * Render workers (JASMIN_PDF_WORKERS, default 1). Measured on this 2-core machine, a second
 * worker renders a batch only 15-20 % faster (the cores are shared) for about 100 MB more
 * memory: one is the default, raise it where cores are free.
 */
export const POOL_SIZE = Math.max(1, Math.floor(Number(process.env.JASMIN_PDF_WORKERS) || 1));
const IDLE_MS = 60_000;
// Heap cap of a worker. Measured (parts of 8 fiches, NODE_ENV=production): a worker holds about
// 35 MB of live heap once React-PDF is loaded, plus about 25 MB while it lays a part out.
// Uncapped, V8 lets it grow past 250 MB (RSS 365 MB for one worker); capped at 128 MB it renders
// within about 10 % of that speed (process RSS about 210 MB); at 64 MB it spends its time collecting
// garbage, at 48 MB it dies. A part too big for the cap (fiches with very long histories) is
// split and rendered again (batch-parts.ts); a worker that died is replaced.
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 128 };

interface Task {
  id: number;
  request: RenderRequest;
  resolve(bytes: Buffer): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  task: Task | undefined;
  idleTimer: NodeJS.Timeout | undefined;
}

let nextId = 1;
const slots = new Set<Slot>();
const queue: Task[] = [];

function startWorker(): Slot {
  const worker = new Worker(join(__dirname, 'render-worker.cjs'), {
    resourceLimits: RESOURCE_LIMITS,
  });
  worker.unref();
  const slot: Slot = { worker, task: undefined, idleTimer: undefined };
  worker.on('message', (res: RenderResponse) => {
    const task = slot.task;
    if (!task || task.id !== res.id) return;
    slot.task = undefined;
    if ('bytes' in res)
      task.resolve(Buffer.from(res.bytes.buffer, res.bytes.byteOffset, res.bytes.byteLength));
    else task.reject(Object.assign(new Error(res.error.message), { name: res.error.name }));
    dispatch();
  });
  const fail = (error: Error) => {
    slots.delete(slot);
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.task?.reject(error);
    slot.task = undefined;
    dispatch();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`PDF render worker stopped (exit code ${code})`)));
  slots.add(slot);
  return slot;
}

function dispatch(): void {
  while (queue.length > 0) {
    let slot = [...slots].find((s) => !s.task);
    if (!slot && slots.size < POOL_SIZE) slot = startWorker();
    if (!slot) return;
    const task = queue.shift() as Task;
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = undefined;
    slot.task = task;
    slot.worker.postMessage(task.request);
  }
  for (const slot of slots) {
    if (!slot.task && !slot.idleTimer) {
      slot.idleTimer = setTimeout(() => {
        slots.delete(slot);
        void slot.worker.terminate();
      }, IDLE_MS);
      slot.idleTimer.unref();
    }
  }
}

/** Renders a document of fiches in a worker thread; resolves with the PDF's bytes. */
export function renderFiches(fiches: FicheData[], title: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    queue.push({ id, request: { id, fiches, title }, resolve, reject });
    dispatch();
  });
}

/** Stops every worker (tests, shutdown). Pending renders fail. */
export async function closeRenderPool(): Promise<void> {
  const all = [...slots];
  slots.clear();
  for (const task of queue.splice(0)) task.reject(new Error('PDF render pool closed'));
  await Promise.all(
    all.map(async (s) => {
      if (s.idleTimer) clearTimeout(s.idleTimer);
      s.worker.removeAllListeners('exit');
      s.task?.reject(new Error('PDF render pool closed'));
      await s.worker.terminate();
    }),
  );
}

/** A worker died of its heap cap while rendering (the document was too big for it). */
export function isOutOfMemory(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
}
