import { readdirSync, readFileSync } from 'node:fs';
import { closeStagePool, setStagingPriority, warmStagePool } from './stage-pool';

/** The nice values of this process's threads (Linux: /proc/self/task/<tid>/stat, field 19). */
function threadNiceValues(): number[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}
const threadsAt = (nice: number) => threadNiceValues().filter((n) => n === nice).length;

// Thread priorities are read from /proc: Linux only (the machines Jasmin runs and is tested on).
const onLinux = process.platform === 'linux' ? describe : describe.skip;

onLinux('the staging worker thread’s priority', () => {
  afterEach(async () => {
    setStagingPriority(0);
    await closeStagePool();
  });

  it('when it is lowered, then the worker thread alone takes that nice value, the running worker at once and the next one when it starts', async () => {
    await warmStagePool();
    expect(threadsAt(7)).toBe(0);

    setStagingPriority(7);
    expect(threadsAt(7)).toBe(1);

    await closeStagePool();
    expect(threadsAt(7)).toBe(0);
    await warmStagePool();
    expect(threadsAt(7)).toBe(1);
  });
});
