import type { OfflineReply, OfflineRequest, OfflineResponder } from '@waypoint/ai';
import type { PlanningContext } from './planning-context.ts';
import { planOffline } from './planning-offline.ts';

/**
 * The planner assistant without a model: proposals from `planOffline`, made through the same
 * tools a model would call, then (once the tools have run) the explanation as text. A message
 * like "I finished the report" becomes a proposal to mark that item done.
 */
export const plannerOfflineResponder: OfflineResponder = (request) => {
  const ctx = request.context as PlanningContext | undefined;
  if (!ctx) {
    return { type: 'text', text: 'Open the planner to plan a day or a week with me.' };
  }
  const plan = planOffline(ctx);
  const last = request.messages.at(-1);
  const toolsAvailable = (request.toolNames ?? []).length > 0;
  if (!toolsAvailable || last?.role === 'tool') return { type: 'text', text: plan.message };

  const calls: Extract<OfflineReply, { type: 'tool-calls' }>['calls'] = [];
  const finished = finishedItem(ctx, textOf(last));
  if (finished) {
    calls.push({
      toolName: 'mark_item_done',
      input: { itemId: finished.id, reason: `You said you finished "${finished.title}".` },
    });
  }
  const byDate = new Map<string, typeof plan.additions>();
  for (const addition of plan.additions) {
    byDate.set(addition.date, [...(byDate.get(addition.date) ?? []), addition]);
  }
  for (const [date, additions] of byDate) {
    calls.push({
      toolName: 'propose_day_items',
      input: {
        date,
        items: additions.map(({ title, goalId, estimateMinutes, priority, reason }) => ({
          title,
          goalId,
          estimateMinutes,
          priority,
          reason,
        })),
      },
    });
  }
  for (const { itemId, toDate, reason } of plan.moves) {
    calls.push({ toolName: 'move_item', input: { itemId, toDate, reason } });
  }
  if (calls.length === 0) return { type: 'text', text: plan.message };
  return { type: 'tool-calls', text: 'Let me look at your plan.', calls };
};

function textOf(message: OfflineRequest['messages'][number] | undefined): string {
  if (message?.role !== 'user') return '';
  if (typeof message.content === 'string') return message.content;
  return message.content.map((part) => (part.type === 'text' ? part.text : '')).join(' ');
}

/** "I finished X", "done with X", "X is done": the open item whose title the message names. */
function finishedItem(ctx: PlanningContext, text: string) {
  if (!/\b(finished|done|completed|did)\b/i.test(text)) return undefined;
  const lower = text.toLowerCase();
  return ctx.week.days
    .flatMap((d) => d.items)
    .filter((i) => i.status !== 'done' && i.status !== 'skipped')
    .find((i) => lower.includes(i.title.toLowerCase()));
}
