import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import type { Request } from 'express';
import { AppError } from '../../lib/app-error';

export interface ReceivedUpload {
  fields: Record<string, string>;
  fileName: string;
  path: string;
  size: number;
}

/**
 * Streams a multipart upload (one `file`, a few small fields) to `dir`, never into memory.
 * Over the limit → 413 and the partial file is removed.
 */
export async function receiveUpload(req: Request, opts: { dir: string; limitBytes: number }): Promise<ReceivedUpload> {
  if (!req.is('multipart/form-data')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: 'Envoyez le fichier en multipart/form-data (champs « kind » et « file »).' });
  }
  mkdirSync(opts.dir, { recursive: true });
  const fields: Record<string, string> = {};
  let file: { path: string; fileName: string; size: number; truncated: boolean } | undefined;
  let pending: Promise<void> = Promise.resolve();

  await new Promise<void>((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { fileSize: opts.limitBytes, files: 1, fields: 10, fieldSize: 1024 } });
    } catch {
      reject(new AppError('VALIDATION_FAILED', { message: 'Envoi multipart mal formé.' }));
      return;
    }
    bb.on('field', (name, value) => {
      fields[name] = value;
    });
    bb.on('file', (name, stream, info) => {
      if (name !== 'file' || file) {
        stream.resume();
        return;
      }
      const current = { path: join(opts.dir, `${randomUUID()}.upload`), fileName: basename(info.filename || 'fichier'), size: 0, truncated: false };
      file = current;
      stream.on('data', (chunk: Buffer) => {
        current.size += chunk.length;
      });
      stream.on('limit', () => {
        current.truncated = true;
      });
      pending = pipeline(stream, createWriteStream(current.path));
    });
    bb.on('error', () => reject(new AppError('VALIDATION_FAILED', { message: 'Envoi multipart interrompu ou mal formé.' })));
    bb.on('close', () => resolve());
    req.pipe(bb);
  }).catch(async (error: unknown) => {
    await pending.catch(() => undefined);
    if (file) rmSync(file.path, { force: true });
    throw error;
  });
  await pending;

  if (!file) throw new AppError('VALIDATION_FAILED', { fieldErrors: { file: ['Joignez le fichier à importer (champ « file »).'] } });
  const received: { path: string; fileName: string; size: number; truncated: boolean } = file;
  if (received.truncated) {
    rmSync(received.path, { force: true });
    const mb = Math.round(opts.limitBytes / 1024 / 1024);
    throw new AppError('PAYLOAD_TOO_LARGE', { message: `Fichier trop volumineux : ${mb} Mo au plus.` });
  }
  if (received.size === 0) {
    rmSync(received.path, { force: true });
    throw new AppError('VALIDATION_FAILED', { fieldErrors: { file: ['Le fichier est vide.'] } });
  }
  return { fields, fileName: received.fileName, path: received.path, size: received.size };
}
