import { parentPort } from 'node:worker_threads';
import type { FicheData } from './fiche-model';
import { renderFichesHere } from './render-fiches';

// A render worker thread: receives fiches, answers the PDF's bytes (transferred, not copied).

export interface RenderRequest {
  id: number;
  fiches: FicheData[];
  title: string;
}
export type RenderResponse =
  { id: number; bytes: Uint8Array } | { id: number; error: { name: string; message: string } };

const port = parentPort;
if (port) {
  port.on('message', (req: RenderRequest) => {
    renderFichesHere(req.fiches, req.title).then(
      (buffer) => {
        // A Buffer may sit in a shared pool: hand over a buffer of its own.
        const bytes =
          buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength
            ? new Uint8Array(buffer.buffer)
            : new Uint8Array(buffer);
        port.postMessage({ id: req.id, bytes } satisfies RenderResponse, [
          bytes.buffer as ArrayBuffer,
        ]);
      },
      (error: unknown) => {
        const e = error instanceof Error ? error : new Error(String(error));
        port.postMessage({
          id: req.id,
          error: { name: e.name, message: e.message },
        } satisfies RenderResponse);
      },
    );
  });
}
