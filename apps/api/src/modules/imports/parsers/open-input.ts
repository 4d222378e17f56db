import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import * as yauzl from 'yauzl';
import { ImportFileError } from './import-file-error';

/** What the file is expected to hold: it picks the entry read from a zip. */
export type InputKind = 'xml' | 'csv';

export interface OpenedInput {
  /** The bytes of the file (or of the zip entry), pulled on demand. */
  bytes: Readable;
  /** Size of what `bytes` will deliver: the file size, or the entry's uncompressed size. */
  totalBytes: number;
  /** Bytes delivered so far, for progress (compare with `totalBytes`). */
  bytesRead(): number;
  /** The entry read when the file is a zip, else null. */
  entryName: string | null;
}

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Opens an uploaded file as bytes: a plain file as it is, a zip by its first `.xml` (or `.csv`) entry. */
export async function openInput(path: string, kind: InputKind): Promise<OpenedInput> {
  const { size, zipped } = await inspectFile(path);
  return zipped
    ? openZipEntry(path, kind)
    : withCounter(createReadStream(path), size, null, (error) => error);
}

async function inspectFile(path: string): Promise<{ size: number; zipped: boolean }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(ZIP_SIGNATURE.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return { size, zipped: bytesRead === head.length && head.equals(ZIP_SIGNATURE) };
  } finally {
    await handle.close();
  }
}

async function openZipEntry(path: string, kind: InputKind): Promise<OpenedInput> {
  const zip = await openZip(path);
  try {
    const entry = await findEntry(zip, kind);
    if (entry === null) {
      throw new ImportFileError(
        'NO_ENTRY_IN_ARCHIVE',
        `L'archive zip ne contient aucun fichier .${kind}.`,
      );
    }
    const stream = await openEntryStream(zip, entry);
    return withCounter(stream, entry.uncompressedSize, entry.fileName, unreadableArchive);
  } finally {
    // Closes the file once the entry's stream is done (yauzl counts its open streams).
    zip.close();
  }
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (error, zip) => {
      if (error) reject(unreadableArchive(error));
      else resolve(zip);
    });
  });
}

function findEntry(zip: yauzl.ZipFile, kind: InputKind): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const onEntry = (entry: yauzl.Entry) => {
      if (!isWantedEntry(entry.fileName, kind)) return zip.readEntry();
      zip.off('entry', onEntry);
      resolve(entry);
    };
    zip.on('entry', onEntry);
    zip.once('end', () => resolve(null));
    zip.once('error', (error: unknown) => reject(unreadableArchive(error)));
    zip.readEntry();
  });
}

/** A data file of the wanted kind: not a folder, not macOS metadata, not a hidden file. */
function isWantedEntry(fileName: string, kind: InputKind): boolean {
  const baseName = fileName.split('/').pop() ?? '';
  return (
    !fileName.endsWith('/') &&
    !fileName.startsWith('__MACOSX/') &&
    !baseName.startsWith('.') &&
    baseName.toLowerCase().endsWith(`.${kind}`)
  );
}

function openEntryStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) reject(unreadableArchive(error));
      else resolve(stream);
    });
  });
}

function unreadableArchive(cause: unknown): ImportFileError {
  if (cause instanceof ImportFileError) return cause;
  return new ImportFileError(
    'INVALID_ARCHIVE',
    'Archive zip illisible ou endommagée : refaites le téléchargement.',
    {
      cause,
    },
  );
}

/** Passes the bytes through while counting them; a source error becomes `mapError(error)`. */
function withCounter(
  source: Readable,
  totalBytes: number,
  entryName: string | null,
  mapError: (error: unknown) => unknown,
): OpenedInput {
  let count = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      count += chunk.length;
      done(null, chunk);
    },
  });
  source.once('error', (error) => counter.destroy(toError(mapError(error))));
  counter.once('close', () => source.destroy());
  source.pipe(counter);
  return { bytes: counter, totalBytes, bytesRead: () => count, entryName };
}

function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
