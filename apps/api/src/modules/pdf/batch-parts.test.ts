import { describe, expect, it } from '@jest/globals';
import { orderedParts, renderSplitting } from './batch-parts';
import type { PdfPart } from './pdf-concat';

const part = (label: string): PdfPart => ({ bytes: Buffer.from(label) });
const labels = async (gen: AsyncGenerator<PdfPart>) => {
  const out: string[] = [];
  for await (const p of gen) out.push(Buffer.from(p.bytes).toString());
  return out;
};
const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the parts of a batch', () => {
  it('when parts finish out of order on several workers, then they come out in the list order, two under way at most', async () => {
    let running = 0;
    let most = 0;
    const gen = orderedParts([1, 2, 3, 4, 5, 6, 7], { chunkSize: 2, ahead: 2 }, async (chunk) => {
      running += 1;
      most = Math.max(most, running);
      await later(chunk[0] === 1 ? 30 : 1); // the first part is the slowest
      running -= 1;
      return [part(chunk.join('+'))];
    });
    expect(await labels(gen)).toEqual(['1+2', '3+4', '5+6', '7']);
    expect(most).toBe(2);
  });

  it('when a chunk has no case left, then it is skipped; when a part fails, then the batch fails', async () => {
    expect(
      await labels(
        orderedParts(['a', 'b', 'c'], { chunkSize: 1, ahead: 2 }, async ([x]) =>
          x === 'b' ? [] : [part(String(x))],
        ),
      ),
    ).toEqual(['a', 'c']);
    const failing = orderedParts(['a', 'b'], { chunkSize: 1, ahead: 2 }, async ([x]) => {
      if (x === 'b') throw new Error('rendu impossible');
      return [part(String(x))];
    });
    await expect(labels(failing)).rejects.toThrow('rendu impossible');
  });

  it('when the reader stops, then no further part is started', async () => {
    const started: number[] = [];
    const gen = orderedParts([1, 2, 3, 4, 5, 6], { chunkSize: 1, ahead: 2 }, async ([x]) => {
      started.push(x as number);
      return [part(String(x))];
    });
    await gen.next();
    await gen.return(undefined);
    expect(started.length).toBeLessThanOrEqual(3);
  });

  it('when a part is too big for a worker, then it is rendered again in halves, down to single fiches', async () => {
    const oom = Object.assign(new Error('heap'), { code: 'ERR_WORKER_OUT_OF_MEMORY' });
    const calls: number[][] = [];
    const parts = await renderSplitting(
      [1, 2, 3, 4, 5],
      async (f) => {
        calls.push(f);
        if (f.length > 2 || f.includes(5)) {
          if (f.length === 1) throw new Error('autre erreur');
          throw oom;
        }
        return part(f.join('+'));
      },
      (e) => (e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY',
    ).catch((e: Error) => e);
    // 5 alone fails for another reason: that error is the batch's.
    expect(parts).toEqual(new Error('autre erreur'));
    const ok = await renderSplitting(
      [1, 2, 3, 4, 5],
      async (f) => {
        if (f.length > 2) throw oom;
        return part(f.join('+'));
      },
      (e) => e === oom,
    );
    expect(ok.map((p) => Buffer.from(p.bytes).toString())).toEqual(['1+2', '3', '4+5']);
    expect(calls[0]).toEqual([1, 2, 3, 4, 5]);
  });
});
