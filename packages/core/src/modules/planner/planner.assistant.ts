import { loadPromptTemplates } from '@waypoint/ai';
import { defineAssistant } from '../chat/assistants.ts';
import { plannerOfflineResponder } from './planner.offline.ts';
import { plannerTools } from './planner.tools.ts';
import { buildPlanningContext } from './planning-context.builder.ts';
import { renderPlanningContext } from './planning-context.ts';

const prompts = loadPromptTemplates(new URL('./planner.prompts.yaml', import.meta.url));

/**
 * The planner agent: conversations with context `{ type: 'daily_planning' | 'weekly_planning',
 * id: <date> }`. Its prompt holds the user's active goals and the plan, fresh each turn; its
 * tools only make proposals.
 */
export const plannerAssistant = defineAssistant({
  id: 'planner',
  title: 'planner',
  prompt: prompts['planner.agent'] as NonNullable<(typeof prompts)['planner.agent']>,
  async buildContext({ principal, conversation, services, now }) {
    const context = await buildPlanningContext(
      { account: services.account, goals: services.planner.goals, plans: services.planner.plans },
      principal,
      conversation.context,
      now,
    );
    return {
      variables: { planning_context: renderPlanningContext(context) },
      offlineContext: context,
    };
  },
  tools: ({ principal, conversation, messageId, services }) =>
    plannerTools(services.planner.proposals, {
      principal,
      conversationId: conversation.id,
      messageId,
    }),
  offlineResponder: plannerOfflineResponder,
});
