import { generalOfflineResponder, loadPromptTemplates } from '@waypoint/ai';
import { todayIn } from '../planner/planner.dates.ts';
import { defineAssistant } from './assistants.ts';

const prompts = loadPromptTemplates(new URL('./chat.prompts.yaml', import.meta.url));

/** The engine's own assistant, behind the Chat page. */
export const generalAssistant = defineAssistant({
  id: 'general',
  title: 'assistant',
  prompt: prompts['general.chat'] as NonNullable<(typeof prompts)['general.chat']>,
  async buildContext({ principal, services, now }) {
    const profile = await services.account.me(principal);
    const today = todayIn(profile.timezone, now);
    return {
      variables: {
        today,
        timezone: profile.timezone,
        display_name: profile.displayName ?? 'the user',
      },
    };
  },
  offlineResponder: generalOfflineResponder,
});

export const titlePrompt = prompts['conversation.title'] as NonNullable<
  (typeof prompts)['conversation.title']
>;
