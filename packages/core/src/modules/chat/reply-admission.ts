import pLimit, { type LimitFunction } from 'p-limit';

/** The share of the last window the event loop was busy, 0..1 (`performance.eventLoopUtilization`). */
export type LoopUtilization = () => number;

export interface ReplyAdmissionOptions {
  /** Most replies generating at once, however idle the process is. */
  max: number;
  /** Fewest allowed while the process is busy, so replies always move. */
  min?: number;
  /** Busier than this over a window: admit fewer. */
  busyAbove?: number;
  /** Less busy than this while replies wait: admit more. */
  idleBelow?: number;
  windowMs?: number;
  /** Defaults to the event loop's utilization over each window. */
  utilization?: LoopUtilization;
}

/**
 * Admission of replies to generation: a concurrency limit that follows how busy the event loop
 * is. Every reply generating adds work to each turn of the loop, and once the loop is busy all
 * the time (on a small machine, a few hundred replies; on a large one, more) each turn handles
 * whatever piled up meanwhile: every request in the process waits that long, and a faster turn
 * of the loop does not come back by itself. A fixed count fits one machine and one model speed;
 * this one cuts admissions by a third when a window was busier than `busyAbove` and opens
 * a quarter more when it was idle enough and replies were waiting (multiplicative both ways, so
 * it settles within a few windows from 2000 queued as from one). Running replies are never
 * stopped: a lower limit only holds back the next ones, which wait in order, already stored.
 */
export class ReplyAdmission {
  private readonly limit: LimitFunction;
  private readonly min: number;
  private readonly max: number;
  private readonly busyAbove: number;
  private readonly idleBelow: number;
  private readonly windowMs: number;
  private readonly utilization: LoopUtilization;
  private timer: NodeJS.Timeout | undefined;

  constructor(options: ReplyAdmissionOptions) {
    this.max = Math.max(1, options.max);
    this.min = Math.min(this.max, options.min ?? 16);
    this.busyAbove = options.busyAbove ?? 0.85;
    this.idleBelow = options.idleBelow ?? 0.7;
    this.windowMs = options.windowMs ?? 250;
    this.utilization = options.utilization ?? eventLoopUtilization();
    // Start low and open up: a burst of sends into an idle process is measured before it is
    // all admitted.
    this.limit = pLimit(Math.max(this.min, Math.min(this.max, 64)));
  }

  /** Runs `work` once admitted; replies are admitted in the order they asked. */
  run<T>(work: () => Promise<T>): Promise<T> {
    this.timer ??= setInterval(() => this.adjust(), this.windowMs).unref();
    return this.limit(work);
  }

  /** Reads the last window's utilization and moves the limit (the timer calls it every window). */
  adjust(): void {
    const busy = this.utilization();
    const { activeCount, pendingCount, concurrency } = this.limit;
    if (activeCount === 0 && pendingCount === 0) {
      // Nothing to admit: no timer while idle (the window restarts with the next reply).
      clearInterval(this.timer);
      this.timer = undefined;
      return;
    }
    if (busy > this.busyAbove) {
      this.limit.concurrency = Math.max(
        this.min,
        Math.floor(Math.min(concurrency, activeCount) * 0.67),
      );
    } else if (busy < this.idleBelow && pendingCount > 0 && activeCount >= concurrency) {
      this.limit.concurrency = Math.min(
        this.max,
        concurrency + Math.max(4, Math.ceil(concurrency / 4)),
      );
    }
  }

  /** Replies generating, waiting, and how many may generate at once now (for metrics). */
  load(): { active: number; waiting: number; limit: number } {
    return {
      active: this.limit.activeCount,
      waiting: this.limit.pendingCount,
      limit: this.limit.concurrency,
    };
  }

  close(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** The event loop's utilization since the previous call (Node's `performance.eventLoopUtilization`). */
function eventLoopUtilization(): LoopUtilization {
  const measure = globalThis.performance?.eventLoopUtilization?.bind(globalThis.performance);
  if (!measure) return () => 0;
  let last = measure();
  return () => {
    const now = measure();
    const window = measure(now, last);
    last = now;
    return window.utilization;
  };
}
