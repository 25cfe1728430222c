import { readFileSync } from 'node:fs';

// Linux accounting from /proc: what one process and the whole machine spent on a run, so a
// throughput figure can say whether the server or the machine was the limit.
const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux Node supports

/** CPU time (user + system) a process has used so far, in milliseconds. */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command (which may hold spaces) start at state: utime is the 12th, stime 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** Busy and total CPU ticks of the machine so far (all cores). */
export function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
}

/** Measures a run: the server's CPU per request and the share of the machine that was busy. */
export async function withCpu<T extends { requests: number }>(
  pid: number,
  run: () => Promise<T>,
): Promise<T & { cpuMsPerRequest: number; machineBusy: number }> {
  const cpuBefore = processCpuMs(pid);
  const machineBefore = machineTicks();
  const result = await run();
  const cpu = processCpuMs(pid) - cpuBefore;
  const machineAfter = machineTicks();
  return {
    ...result,
    cpuMsPerRequest: cpu / Math.max(result.requests, 1),
    machineBusy:
      (machineAfter.busy - machineBefore.busy) /
      Math.max(machineAfter.total - machineBefore.total, 1),
  };
}
