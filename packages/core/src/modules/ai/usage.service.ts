import type { Principal } from '@waypoint/auth';
import type { DataAccess } from '../../data/data-access.ts';
import { actorOf } from '../../data/data-access.ts';
import { ForbiddenError } from '../../errors/domain-errors.ts';
import { addDays } from '../planner/planner.dates.ts';
import type { UsageRepository } from './usage.repository.ts';
import type { TUsageSummary, TUsageSummaryRequest, TUsageTotals } from './usage.schemas.ts';

export class UsageService {
  readonly #data: DataAccess;
  readonly #repo: UsageRepository;

  constructor(data: DataAccess, repo: UsageRepository) {
    this.#data = data;
    this.#repo = repo;
  }

  /** Totals by day and model: the caller's own, or everyone's for an administrator. */
  async summary(principal: Principal, input: TUsageSummaryRequest): Promise<TUsageSummary> {
    const to = input.to ?? new Date().toISOString().slice(0, 10);
    const from = input.from ?? addDays(to, -29);
    const range = { from, to };
    let rows: Awaited<ReturnType<UsageRepository['summarize']>>;
    if (input.scope === 'all') {
      if (!principal.isAdmin) throw new ForbiddenError('Only administrators see everyone’s usage');
      rows = await this.#data.asSystem((db) => this.#repo.summarize(db, range, null));
    } else {
      rows = await this.#data.readAsUser(actorOf(principal), (tx) =>
        this.#repo.summarize(tx, range, principal.userId),
      );
    }
    return { scope: input.scope, from, to, rows, totals: sum(rows) };
  }
}

function sum(rows: (TUsageTotals & { attempts: number })[]): TUsageTotals {
  const totals: TUsageTotals = {
    attempts: 0,
    ok: 0,
    failed: 0,
    fellBack: 0,
    skippedByBreaker: 0,
    inputTokens: 0,
    outputTokens: 0,
    cachedInputTokens: 0,
    costUsd: 0,
    avgLatencyMs: null,
  };
  let latencyWeight = 0;
  for (const r of rows) {
    totals.attempts += r.attempts;
    totals.ok += r.ok;
    totals.failed += r.failed;
    totals.fellBack += r.fellBack;
    totals.skippedByBreaker += r.skippedByBreaker;
    totals.inputTokens += r.inputTokens;
    totals.outputTokens += r.outputTokens;
    totals.cachedInputTokens += r.cachedInputTokens;
    totals.costUsd += r.costUsd;
    if (r.avgLatencyMs !== null) latencyWeight += r.avgLatencyMs * r.attempts;
  }
  totals.costUsd = Math.round(totals.costUsd * 1e8) / 1e8;
  totals.avgLatencyMs = totals.attempts > 0 ? Math.round(latencyWeight / totals.attempts) : null;
  return totals;
}
