import { writeFileSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';

/**
 * Diagnostics (JASMIN_EMBEDDED_STATEMENT_PROFILE=<file>, read by the embedded database's process):
 * the time PGlite spends on each statement, summed by statement text, written to the file every
 * few seconds and when the process ends, with how many times each was run. The texts only (with
 * their $1, $2…), never the values bound to them. Protocol messages without a Parse (Bind/Execute
 * of the statement just parsed, when they come in a read of their own) count for the last statement
 * parsed.
 */
export function installStatementProfile(pglite: PGlite, file: string): void {
  const totals = new Map<string, { count: number; ms: number }>();
  let lastParsed = '(none)';
  const run = pglite.execProtocolRawStream.bind(pglite);
  pglite.execProtocolRawStream = async (message, options) => {
    const text = statementOf(message);
    if (text !== undefined && !text.startsWith('Q ')) lastParsed = text;
    const key = text ?? lastParsed;
    const started = performance.now();
    try {
      return await run(message, options);
    } finally {
      const t = totals.get(key) ?? { count: 0, ms: 0 };
      if (text !== undefined) t.count += 1;
      t.ms += performance.now() - started;
      totals.set(key, t);
    }
  };
  const write = () => {
    const rows = [...totals.entries()].sort((a, b) => b[1].ms - a[1].ms);
    const all = rows.reduce((sum, [, t]) => sum + t.ms, 0);
    const lines = rows.map(([k, t]) => `${t.ms.toFixed(0).padStart(9)} ms ${String(t.count).padStart(8)}×  ${k}`);
    try {
      writeFileSync(file, [`${all.toFixed(0)} ms in all (messages timed in PGlite, by statement)`, ...lines, ''].join('\n'));
    } catch {
      // (a diagnostic: its file gone or not writable never stops the database)
    }
  };
  setInterval(write, 5000).unref();
  process.on('exit', write);
}

/** The statement a protocol message starts (Parse: 'P', simple Query: 'Q' + text), whitespace folded; undefined if none. */
function statementOf(message: Uint8Array): string | undefined {
  const bytes = Buffer.from(message.buffer, message.byteOffset, message.byteLength);
  for (let i = 0; i + 5 <= bytes.length; i += 1 + bytes.readInt32BE(i + 1)) {
    const type = bytes[i];
    const body = bytes.subarray(i + 5, i + 1 + bytes.readInt32BE(i + 1));
    if (type === 0x51 /* Q */) return `Q ${fold(body.subarray(0, body.indexOf(0)))}`;
    if (type === 0x50 /* P */) {
      const nameEnd = body.indexOf(0);
      return fold(body.subarray(nameEnd + 1, body.indexOf(0, nameEnd + 1)));
    }
  }
  return undefined;
}

const fold = (text: Buffer) => text.toString('utf8').replace(/\s+/g, ' ').trim().slice(0, 200);
