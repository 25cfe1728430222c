import type { UsageRecord } from '@waypoint/ai';
import type { Executor } from '@waypoint/db';
import { schema } from '@waypoint/db';
import { and, asc, between, eq, type SQL, sql } from 'drizzle-orm';

const { aiUsage } = schema;

const day = sql<string>`to_char(${aiUsage.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;
const countWhere = (outcome: string) =>
  sql<number>`(count(*) filter (where ${aiUsage.outcome} = ${outcome}))::int`;

export const usageRepository = {
  async insertMany(ex: Executor, records: UsageRecord[]): Promise<void> {
    if (records.length === 0) return;
    await ex.insert(aiUsage).values(
      records.map((r) => ({
        userId: r.userId ?? null,
        requestId: r.requestId ?? null,
        role: r.role,
        provider: r.provider,
        model: r.model,
        inputTokens: r.inputTokens,
        outputTokens: r.outputTokens,
        cachedInputTokens: r.cachedInputTokens,
        costUsd: r.costUsd,
        priceTableVersion: r.priceTableVersion,
        latencyMs: Math.round(r.latencyMs),
        timeToFirstTokenMs: r.timeToFirstTokenMs === null ? null : Math.round(r.timeToFirstTokenMs),
        outcome: r.outcome,
        errorKind: r.errorKind ?? null,
        promptTemplate: r.promptTemplate?.id ?? null,
        promptVersion: r.promptTemplate?.version ?? null,
        createdAt: r.at,
      })),
    );
  },

  /** Totals by UTC day, provider and model; `userId` null means everyone's. */
  summarize(ex: Executor, range: { from: string; to: string }, userId: string | null) {
    const conditions: SQL[] = [
      between(
        aiUsage.createdAt,
        new Date(`${range.from}T00:00:00Z`),
        new Date(`${range.to}T23:59:59.999Z`),
      ),
    ];
    if (userId) conditions.push(eq(aiUsage.userId, userId));
    return ex
      .select({
        day,
        provider: aiUsage.provider,
        model: aiUsage.model,
        attempts: sql<number>`count(*)::int`,
        ok: countWhere('ok'),
        failed: countWhere('failed'),
        fellBack: countWhere('fell_back'),
        skippedByBreaker: countWhere('skipped_by_breaker'),
        inputTokens: sql<number>`coalesce(sum(${aiUsage.inputTokens}), 0)::int`,
        outputTokens: sql<number>`coalesce(sum(${aiUsage.outputTokens}), 0)::int`,
        cachedInputTokens: sql<number>`coalesce(sum(${aiUsage.cachedInputTokens}), 0)::int`,
        costUsd: sql<number>`coalesce(sum(${aiUsage.costUsd}), 0)::float8`,
        avgLatencyMs: sql<number | null>`round(avg(${aiUsage.latencyMs}))::int`,
      })
      .from(aiUsage)
      .where(and(...conditions))
      .groupBy(day, aiUsage.provider, aiUsage.model)
      .orderBy(asc(day), asc(aiUsage.provider), asc(aiUsage.model));
  },
};

export type UsageRepository = typeof usageRepository;
