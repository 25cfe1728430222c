import type { ModelMessage } from 'ai';
import { LRUCache } from 'lru-cache';
import type { AssistantTurn } from './assistants.ts';

/**
 * A conversation's branch as the model reads it, up to and including `leafId`, and what never
 * changes about the conversation: whose it is, its assistant, what it is about.
 */
export interface KnownBranch {
  leafId: string;
  history: readonly ModelMessage[];
  userId: string;
  assistant: string;
  about: AssistantTurn['conversation'];
}

/**
 * The history of each conversation's last finished reply, so the next send reads only what is
 * new on its branch (`writeTurn` stops walking up at `leafId`) instead of the whole conversation
 * on every turn. Safe across processes and edits: it is keyed by a message id, and a finished
 * message and its ancestors never change — a branch switch or an edit moves the leaf elsewhere,
 * and the walk from there simply does not meet this one. Bounded by the text it holds.
 */
export class BranchCache {
  private readonly byConversation: LRUCache<string, KnownBranch>;

  // 8M characters (~16 MB of strings): some forty conversations of 400 long messages, or thousands
  // of short ones, within the API's 768 MB heap. A conversation not held costs one walk of its
  // branch, not a wrong answer.
  constructor(maxChars = 8_000_000) {
    this.byConversation = new LRUCache<string, KnownBranch>({
      maxSize: maxChars,
      sizeCalculation: (branch) =>
        branch.history.reduce((sum, m) => sum + contentLength(m) + 32, 64),
    });
  }

  get(conversationId: string): KnownBranch | undefined {
    return this.byConversation.get(conversationId);
  }

  /** `history` is the branch the reply `leafId` answered, its own text last. */
  remember(conversationId: string, branch: KnownBranch) {
    this.byConversation.set(conversationId, branch);
  }

  forget(conversationId: string) {
    this.byConversation.delete(conversationId);
  }
}

function contentLength(message: ModelMessage): number {
  return typeof message.content === 'string'
    ? message.content.length
    : JSON.stringify(message.content).length;
}
