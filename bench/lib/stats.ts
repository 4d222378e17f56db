/** Runs `fn` `warmup` times unmeasured, then `runs` times; returns median and p95 in ms. */
export async function measure(fn: () => Promise<unknown>, runs = 20, warmup = 3): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < warmup; i += 1) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  return { median: at(0.5), p95: at(0.95) };
}

export const fmt = (ms: number) => `${ms.toFixed(2).padStart(8)} ms`;
