import { readdirSync, readFileSync } from 'node:fs';
// Peak memory of this process: process.memoryUsage() sampled every 50 ms, kept per phase.
// The sampler runs on the event loop, so a peak inside one long synchronous call (PGlite runs
// each query synchronously, in this process) can be missed; getrusage's maxRSS, printed too,
// is the kernel's high-water mark for the whole process.

export interface Peak {
  rssAtStart: number;
  rss: number;
  heapUsed: number;
  samples: number;
}

export class MemorySampler {
  private readonly peaks = new Map<string, Peak>();
  private readonly active = new Set<Peak>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly intervalMs = 50) {}

  /** Starts (or resumes, keeping its maxima) a phase; phases may overlap. */
  start(label: string): Peak {
    const { rss, heapUsed } = process.memoryUsage();
    const peak: Peak = this.peaks.get(label) ?? { rssAtStart: rss, rss, heapUsed, samples: 0 };
    peak.rss = Math.max(peak.rss, rss);
    peak.heapUsed = Math.max(peak.heapUsed, heapUsed);
    peak.samples += 1;
    this.peaks.set(label, peak);
    this.active.add(peak);
    if (!this.timer) {
      this.timer = setInterval(() => this.sample(), this.intervalMs);
      this.timer.unref();
    }
    return peak;
  }

  private sample(): void {
    if (this.active.size === 0) return;
    const { rss, heapUsed } = process.memoryUsage();
    for (const peak of this.active) {
      peak.rss = Math.max(peak.rss, rss);
      peak.heapUsed = Math.max(peak.heapUsed, heapUsed);
      peak.samples += 1;
    }
  }

  /** Ends a phase, with one last sample. */
  end(label: string): Peak | undefined {
    this.sample();
    const peak = this.peaks.get(label);
    if (peak) this.active.delete(peak);
    return peak;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.active.clear();
  }

  get(label: string): Peak | undefined {
    return this.peaks.get(label);
  }

  all(): Record<string, Peak> {
    return Object.fromEntries(this.peaks);
  }
}

export const mib = (bytes: number) => bytes / (1024 * 1024);

/**
 * The kernel's peak resident set of a process so far (this one by default), in bytes: VmHWM of
 * /proc/<pid>/status on Linux. getrusage's maxRSS is kept across exec on Linux, so a child process
 * started by a big parent (the bench's parent migrates and seeds an embedded database) reported
 * the parent's size at the fork (about 495 MiB against a sampled peak of 253 MiB). Elsewhere:
 * getrusage for this process, 0 for another.
 */
export function processMaxRss(pid: number | 'self' = 'self'): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not Linux, or the process is gone
  }
  return pid === 'self' ? process.resourceUsage().maxRSS * 1024 : 0;
}

/** CPU time (user + system, ms) by thread of a process (Linux: /proc/<pid>/task/<tid>/stat); empty elsewhere. */
export function threadCpuMs(
  pid: number | 'self' = 'self',
): Map<number, { name: string; ms: number }> {
  const threads = new Map<number, { name: string; ms: number }>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        // pid (comm) state … : comm may hold spaces; the fields after its closing parenthesis are
        // state (3), then utime (14) and stime (15), counted from 1 over the whole line.
        const close = stat.lastIndexOf(')');
        const fields = stat.slice(close + 2).split(' ');
        const ticks = Number(fields[11]) + Number(fields[12]);
        threads.set(Number(tid), {
          name: stat.slice(stat.indexOf('(') + 1, close),
          ms: (ticks * 1000) / CLOCK_TICKS,
        });
      } catch {
        // (that thread ended meanwhile)
      }
    }
  } catch {
    // not Linux, or the process is gone
  }
  return threads;
}
/** USER_HZ: 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS = 100;

/** The CPU time each thread used between two readings of threadCpuMs (threads started meanwhile count from 0; threads ended meanwhile are missing). */
export function cpuSince(
  before: Map<number, { name: string; ms: number }>,
  after: Map<number, { name: string; ms: number }>,
) {
  return [...after].map(([tid, t]) => ({
    tid,
    name: t.name,
    ms: t.ms - (before.get(tid)?.ms ?? 0),
  }));
}

/** The machine's CPU time so far (ms, all cores; Linux: /proc/stat): busy, idle (with I/O wait), stolen by the hypervisor. */
export function machineCpuMs(): { busy: number; idle: number; steal: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is inside user)
    const [user, nice, system, idle, iowait, irq, softirq, steal] = line
      .trim()
      .split(/\s+/)
      .slice(1, 9)
      .map(Number);
    const ms = (ticks: number | undefined) => ((ticks ?? 0) * 1000) / CLOCK_TICKS;
    return {
      busy: ms((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0)),
      idle: ms((idle ?? 0) + (iowait ?? 0)),
      steal: ms(steal),
    };
  } catch {
    return null;
  }
}
