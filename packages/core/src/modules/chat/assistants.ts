import type { OfflineResponder, PromptTemplate, PromptVariables } from '@waypoint/ai';
import type { Principal } from '@waypoint/auth';
import type { ToolSet } from 'ai';
import type { Services } from '../../services.ts';

export interface AssistantTurn {
  principal: Principal;
  conversation: { id: string; context: { type: string; id: string } | null };
  /** The reply being generated (tools link what they create to it). */
  messageId: string;
  services: Services;
  now: Date;
}

export interface AssistantContext {
  /** Values for the assistant's prompt template. */
  variables: PromptVariables;
  /** What the offline responder works from (the same data the prompt shows the model). */
  offlineContext?: unknown;
}

/** What a module registers to get a chat assistant on the shared engine. */
export interface AssistantDefinition {
  id: string;
  /** Shown in the UI and named in kind error messages ("The planner is thinking deeply"). */
  title: string;
  prompt: PromptTemplate;
  buildContext(turn: AssistantTurn): Promise<AssistantContext>;
  tools?(turn: AssistantTurn): ToolSet;
  offlineResponder: OfflineResponder;
}

export function defineAssistant(definition: AssistantDefinition): AssistantDefinition {
  if (!/^[a-z][a-z0-9_-]{0,39}$/.test(definition.id)) {
    throw new Error(`assistant id "${definition.id}" must be lowercase letters, digits, - or _`);
  }
  return definition;
}

export class AssistantRegistry {
  private readonly byId = new Map<string, AssistantDefinition>();

  constructor(assistants: AssistantDefinition[]) {
    for (const assistant of assistants) {
      if (this.byId.has(assistant.id))
        throw new Error(`assistant ${assistant.id} registered twice`);
      this.byId.set(assistant.id, assistant);
    }
  }

  get(id: string): AssistantDefinition | undefined {
    return this.byId.get(id);
  }

  /** Every registered assistant's id (the registry does not change once built). */
  ids(): readonly string[] {
    return [...this.byId.keys()];
  }

  list(): { id: string; title: string }[] {
    return [...this.byId.values()].map(({ id, title }) => ({ id, title }));
  }
}
