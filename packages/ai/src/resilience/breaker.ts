import {
  BrokenCircuitError,
  type CircuitBreakerPolicy,
  CircuitState,
  circuitBreaker,
  handleWhen,
  type IBreaker,
} from 'cockatiel';
import { CallerAbortError } from './failures.ts';

export interface BreakerOptions {
  consecutive: number;
  errorRate: number;
  windowMs: number;
  minVolume: number;
  halfOpenAfterMs: number;
  now?: () => number;
}

/**
 * Opens after N consecutive failures OR when failures reach a rate over a sliding window with a
 * minimum volume. cockatiel ships each rule as its own breaker; this one applies both.
 */
export class ConsecutiveOrRateBreaker implements IBreaker {
  state = { consecutive: 0, samples: [] as { at: number; ok: boolean }[] };
  constructor(private readonly options: BreakerOptions) {}

  success(circuit: CircuitState): void {
    if (circuit === CircuitState.HalfOpen) this.state.samples = [];
    this.state.consecutive = 0;
    this.sample(true);
  }

  failure(): boolean {
    this.state.consecutive += 1;
    this.sample(false);
    if (this.state.consecutive >= this.options.consecutive) return true;
    const { samples } = this.state;
    if (samples.length < this.options.minVolume) return false;
    const failures = samples.filter((s) => !s.ok).length;
    return failures / samples.length >= this.options.errorRate;
  }

  private sample(ok: boolean) {
    const now = this.options.now?.() ?? Date.now();
    const horizon = now - this.options.windowMs;
    this.state.samples = this.state.samples.filter((s) => s.at >= horizon);
    this.state.samples.push({ at: now, ok });
  }
}

export interface BreakerState {
  model: string;
  state: 'closed' | 'open' | 'half-open';
  consecutiveFailures: number;
  lastFailure?: string;
}

const STATE_NAMES: Record<CircuitState, BreakerState['state']> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
};

/** One breaker per `provider:model`, created on first use; states feed `/ready` and admins. */
export class BreakerRegistry {
  private readonly breakers = new Map<
    string,
    { policy: CircuitBreakerPolicy; breaker: ConsecutiveOrRateBreaker; lastFailure?: string }
  >();
  constructor(private readonly options: BreakerOptions) {}

  for(model: string): CircuitBreakerPolicy {
    let entry = this.breakers.get(model);
    if (!entry) {
      const breaker = new ConsecutiveOrRateBreaker(this.options);
      // A caller's stop says nothing about the provider's health.
      const policy = circuitBreaker(
        handleWhen((error) => !(error instanceof CallerAbortError)),
        { breaker, halfOpenAfter: this.options.halfOpenAfterMs },
      );
      const created = { policy, breaker } as {
        policy: CircuitBreakerPolicy;
        breaker: ConsecutiveOrRateBreaker;
        lastFailure?: string;
      };
      policy.onFailure(({ reason }) => {
        if ('error' in reason) created.lastFailure = (reason.error as Error).message;
      });
      this.breakers.set(model, created);
      entry = created;
    }
    return entry.policy;
  }

  states(): BreakerState[] {
    return [...this.breakers].map(([model, entry]) => ({
      model,
      state: STATE_NAMES[entry.policy.state],
      consecutiveFailures: entry.breaker.state.consecutive,
      ...(entry.lastFailure ? { lastFailure: entry.lastFailure } : {}),
    }));
  }
}

export { BrokenCircuitError };
