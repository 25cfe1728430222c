import type { MessageRow } from './chat.repository.ts';

/** What the tree needs of a message. */
type TreeNode = Pick<MessageRow, 'id' | 'parentId'>;

/**
 * The messages of one branch, root to leaf, with each message's alternatives (siblings that
 * share its parent) for the branch switcher.
 */
export function activeBranch<T extends TreeNode>(
  all: T[],
  leafId: string | null,
): { path: T[]; siblings: Map<string, string[]> } {
  const byId = new Map(all.map((m) => [m.id, m]));
  const children = new Map<string | null, T[]>();
  for (const message of all) {
    const key = message.parentId;
    children.set(key, [...(children.get(key) ?? []), message]);
  }
  const siblings = new Map<string, string[]>();
  for (const group of children.values()) {
    const ids = group.map((m) => m.id);
    for (const id of ids) siblings.set(id, ids);
  }
  let leaf = leafId ? byId.get(leafId) : undefined;
  if (!leaf) leaf = all.at(-1);
  const path: T[] = [];
  for (
    let current = leaf;
    current;
    current = current.parentId ? byId.get(current.parentId) : undefined
  ) {
    path.unshift(current);
  }
  return { path, siblings };
}

/** From a chosen message, the newest leaf below it: switching to a branch shows its latest turn. */
export function newestLeafUnder(all: TreeNode[], messageId: string): string {
  const children = new Map<string, TreeNode[]>();
  for (const message of all) {
    if (!message.parentId) continue;
    children.set(message.parentId, [...(children.get(message.parentId) ?? []), message]);
  }
  let current = messageId;
  for (;;) {
    const next = children.get(current)?.at(-1);
    if (!next) return current;
    current = next.id;
  }
}
