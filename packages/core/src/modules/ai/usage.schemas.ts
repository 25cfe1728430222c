import { z } from 'zod';
import { ZIsoDate } from '../planner/planner.schemas.ts';

export const ZUsageSummaryRequestSchema = z
  .strictObject({
    /** `all` (every user's usage) is for administrators. */
    scope: z.enum(['mine', 'all']).default('mine'),
    from: ZIsoDate.optional(),
    to: ZIsoDate.optional(),
  })
  .default({ scope: 'mine' });
export type TUsageSummaryRequest = z.infer<typeof ZUsageSummaryRequestSchema>;

const ZUsageTotalsSchema = z.object({
  attempts: z.number().int(),
  ok: z.number().int(),
  failed: z.number().int(),
  fellBack: z.number().int(),
  skippedByBreaker: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  cachedInputTokens: z.number().int(),
  costUsd: z.number(),
  avgLatencyMs: z.number().nullable(),
});

export const ZUsageSummarySchema = z.object({
  scope: z.enum(['mine', 'all']),
  from: z.string(),
  to: z.string(),
  rows: z.array(
    ZUsageTotalsSchema.extend({ day: z.string(), provider: z.string(), model: z.string() }),
  ),
  totals: ZUsageTotalsSchema,
});
export type TUsageSummary = z.infer<typeof ZUsageSummarySchema>;
export type TUsageTotals = z.infer<typeof ZUsageTotalsSchema>;
