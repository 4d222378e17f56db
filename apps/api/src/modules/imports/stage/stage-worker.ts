import { readlinkSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { ImportKindCode, StagedImport } from '../import-types';
import { stagers } from './stagers';

// The import staging worker thread: reads one file at a time into its staged rows (stage-pool.ts).

export interface StageRequest {
  id: number;
  kind: ImportKindCode;
  filePath: string;
  stagePath: string;
}

export type StageResponse =
  | { id: 0; ready: true; threadId: number | undefined }
  | { id: number; progress: [read: number, total: number] }
  | { id: number; staged: StagedImport }
  | { id: number; error: { name: string; message: string; code?: string; stack?: string } };

/** This thread's id for the operating system (Linux: /proc/thread-self is /proc/<pid>/task/<tid>), to set its priority. */
function osThreadId(): number | undefined {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined; // (not Linux)
  }
}

const port = parentPort;
if (port) {
  // Loaded (this module and the stagers): ready for files.
  port.postMessage({ id: 0, ready: true, threadId: osThreadId() } satisfies StageResponse);
  port.on('message', (req: StageRequest) => {
    const send = (res: StageResponse) => port.postMessage(res);
    stagers[req.kind]({
      filePath: req.filePath,
      stagePath: req.stagePath,
      onProgress: (read, total) => send({ id: req.id, progress: [read, total] }),
    }).then(
      (staged) => send({ id: req.id, staged }),
      (error: unknown) => {
        const e = error instanceof Error ? error : new Error(String(error));
        const code = (e as { code?: unknown }).code;
        send({ id: req.id, error: { name: e.name, message: e.message, ...(typeof code === 'string' ? { code } : {}), ...(e.stack ? { stack: e.stack } : {}) } });
      },
    );
  });
}
