import {
  compiledSelect,
  compiledSql,
  compiledWrite,
  type Executor,
  inUserTransaction,
  resultRows,
  schema,
} from '@waypoint/db';
import { and, asc, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';

const { conversations, messages } = schema;

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;

const treeColumns = {
  id: messages.id,
  parentId: messages.parentId,
  role: messages.role,
  parts: messages.parts,
  status: messages.status,
  clientMessageId: messages.clientMessageId,
};
export type TreeMessage = Pick<MessageRow, keyof typeof treeColumns>;
/** What a checkpoint writes of a reply still being generated. */
export type ReplyCheckpoint = { id: string; userId: string } & Pick<
  MessageRow,
  'parts' | 'models' | 'metadata' | 'usage' | 'error'
>;
/** A message as the chat writes one; the rest of its columns start at their defaults. */
export type NewMessage = Pick<
  typeof messages.$inferInsert,
  'conversationId' | 'parentId' | 'role' | 'parts' | 'status' | 'clientMessageId'
> & { id?: string | undefined };

// Read on every send (and every stream): built once, see `compiledSelect`.
const conversationById = compiledSelect((qb) =>
  qb
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.id, sql.placeholder('id')),
        eq(conversations.userId, sql.placeholder('userId')),
      ),
    )
    .limit(1),
);
const messagesOf = compiledSelect((qb) =>
  qb
    .select(treeColumns)
    .from(messages)
    .where(
      and(
        eq(messages.userId, sql.placeholder('userId')),
        eq(messages.conversationId, sql.placeholder('conversationId')),
      ),
    )
    .orderBy(asc(messages.createdAt), asc(messages.id)),
);

// Written on every send (the user's message, the reply, the new leaf): built once, see
// `compiledWrite`. Every message is written with the same columns; an absent client message id
// is null, its column's default.
const insertMessageRow = compiledWrite((db) =>
  db
    .insert(messages)
    .values({
      id: sql.placeholder('id'),
      conversationId: sql.placeholder('conversationId'),
      userId: sql.placeholder('userId'),
      parentId: sql.placeholder('parentId'),
      role: sql.placeholder('role'),
      parts: sql.placeholder('parts'),
      status: sql.placeholder('status'),
      clientMessageId: sql.placeholder('clientMessageId'),
    })
    .onConflictDoNothing()
    .returning(),
);
const setActiveLeaf = compiledWrite((db) =>
  db
    .update(conversations)
    // drizzle's types take no placeholder in `set`: the id goes in as SQL, the time is the
    // database's (the transaction's start).
    .set({ activeLeafId: sql`${sql.placeholder('leafId')}`, updatedAt: sql`now()` })
    .where(
      and(
        eq(conversations.id, sql.placeholder('id')),
        eq(conversations.userId, sql.placeholder('userId')),
      ),
    )
    .returning(),
);

/**
 * What a send found when it came to write its turn, and whether it did:
 * - `open`: the turn was written (`stored`; false only if a duplicate won meanwhile);
 * - `sent`: this client message id was stored before (`sent` holds its ids): nothing written;
 * - `busy`: the active leaf is a reply still streaming: nothing written;
 * - `moved`: the conversation's leaf changed while this waited for its lock: nothing written,
 *   read again;
 * - `retired`: the conversation's assistant is not among those given: nothing written.
 */
export type TurnState = 'open' | 'sent' | 'busy' | 'moved' | 'retired';
/** A message of the active branch as the model's history needs it. */
export type BranchMessage = Pick<MessageRow, 'id' | 'parentId' | 'role' | 'parts'>;
export interface WrittenTurn {
  conversation: ConversationRow;
  state: TurnState;
  stored: boolean;
  sent: { userMessageId: string; assistantMessageId: string | null } | null;
  /**
   * The active branch before the turn, oldest first (`open` only): from the root, or from just
   * below `knownLeafId` when that is on it (the caller has the rest).
   */
  branch: BranchMessage[];
}

/**
 * A chat turn in one statement: the conversation locked (`for update`: sends to it take turns),
 * its state read, and — only if it is open — the user's message, an empty reply marked
 * `streaming` under it and the new leaf written. Reading and writing in one statement is what
 * lets a send cost one round trip, and it is what keeps the decision honest: under READ
 * COMMITTED a separate read could see the leaf still streaming and the write another state.
 * Every row comes from `conv`, which carries `inUserTransaction`, so the statement may go with
 * its BEGIN and COMMIT before BEGIN is answered.
 *
 * The model's history is the active branch, walked up from the leaf by parent: it stops at
 * `knownLeafId`, a message whose branch the caller already has (a finished message and its
 * ancestors never change), so a turn reads what is new since then rather than the whole
 * conversation (bench/stream-overhead: 420 messages read whole cost ~5 ms a turn). Everything
 * comes back as one JSON value, timestamps as ISO text.
 */
const writeTurnStatement = compiledSql(sql`
  with recursive conv as (
    select * from conversations
    where id = ${sql.placeholder('conversationId')}::uuid
      and user_id = ${sql.placeholder('userId')}::uuid
      and ${inUserTransaction(sql.placeholder('userId'))}
    for update
  ),
  leaf as (
    select m.status from messages m, conv
    where m.id = conv.active_leaf_id and m.user_id = conv.user_id
  ),
  sent as (
    select m.id as user_message_id,
      (select r.id from messages r
        where r.parent_id = m.id and r.role = 'assistant' and r.user_id = m.user_id
        order by r.created_at, r.id limit 1) as reply_id
    from messages m, conv
    where m.conversation_id = conv.id and m.user_id = conv.user_id
      and m.client_message_id = ${sql.placeholder('clientMessageId')}::text
  ),
  turn as (
    select case
      when exists (select 1 from sent) then 'sent'
      when conv.active_leaf_id is not null and not exists (select 1 from leaf) then 'moved'
      when exists (select 1 from leaf where status = 'streaming') then 'busy'
      when not (conv.assistant = any (${sql.placeholder('assistants')}::text[])) then 'retired'
      else 'open'
    end as state
    from conv
  ),
  branch as (
    select m.id, m.parent_id, m.role, m.parts, 0 as depth
    from messages m, conv, turn
    where turn.state = 'open' and m.id = conv.active_leaf_id and m.user_id = conv.user_id
      and m.id is distinct from ${sql.placeholder('knownLeafId')}::uuid
    union all
    select p.id, p.parent_id, p.role, p.parts, b.depth + 1
    from branch b join messages p on p.id = b.parent_id
    where p.id is distinct from ${sql.placeholder('knownLeafId')}::uuid
      and p.user_id = ${sql.placeholder('userId')}::uuid
  ),
  user_message as (
    insert into messages (id, conversation_id, user_id, parent_id, role, parts, status, client_message_id)
    select ${sql.placeholder('userMessageId')}::uuid, conv.id, conv.user_id, conv.active_leaf_id,
      'user', ${sql.placeholder('parts')}::jsonb, 'complete',
      ${sql.placeholder('clientMessageId')}::text
    from conv, turn where turn.state = 'open'
    on conflict do nothing
    returning id, conversation_id, user_id
  ),
  reply as (
    insert into messages (id, conversation_id, user_id, parent_id, role, parts, status)
    select ${sql.placeholder('replyId')}::uuid, u.conversation_id, u.user_id, u.id,
      'assistant', '[]'::jsonb, 'streaming'
    from user_message u
    returning id, conversation_id
  ),
  new_leaf as (
    update conversations c set active_leaf_id = reply.id, updated_at = now()
    from reply where c.id = reply.conversation_id
    returning c.id
  )
  select json_build_object(
    'conversation', row_to_json(conv),
    'state', turn.state,
    'stored', exists (select 1 from new_leaf),
    'sent', case when sent.user_message_id is null then null else json_build_object(
      'userMessageId', sent.user_message_id, 'assistantMessageId', sent.reply_id) end,
    'branch', (
      select coalesce(json_agg(json_build_object(
        'id', b.id, 'parentId', b.parent_id, 'role', b.role, 'parts', b.parts
      ) order by b.depth desc), '[]'::json)
      from branch b
    )
  ) as turn
  from conv cross join turn left join sent on true
`);

/** Every chat query, scoped to the caller's `userId` (and by RLS underneath). */
export const chatRepository = {
  async createConversation(
    db: Executor,
    userId: string,
    input: {
      assistant: string;
      title?: string | undefined;
      context?: { type: string; id: string } | null | undefined;
    },
  ): Promise<ConversationRow> {
    const [row] = await db
      .insert(conversations)
      .values({
        userId,
        assistant: input.assistant,
        title: input.title ?? null,
        contextType: input.context?.type ?? null,
        contextId: input.context?.id ?? null,
      })
      .returning();
    return row as ConversationRow;
  },

  /**
   * Writes a send's turn if the conversation is open for one (`writeTurnStatement`); undefined
   * when the caller has no such conversation. The statement is handed to the executor when
   * this is called (for `commitWith`).
   */
  writeTurn(
    db: Executor,
    userId: string,
    turn: {
      conversationId: string;
      userMessageId: string;
      replyId: string;
      parts: unknown[];
      clientMessageId: string;
      /** The assistants that can answer: a conversation with another gets nothing written. */
      assistants: readonly string[];
      /** A finished message whose branch the caller has: the walk up the branch stops there. */
      knownLeafId: string | null;
    },
  ): Promise<WrittenTurn | undefined> {
    return writeTurnStatement(db, {
      conversationId: turn.conversationId,
      userId,
      clientMessageId: turn.clientMessageId,
      assistants: turn.assistants,
      userMessageId: turn.userMessageId,
      parts: JSON.stringify(turn.parts),
      replyId: turn.replyId,
      knownLeafId: turn.knownLeafId,
    }).then((result) => {
      const [row] = resultRows<{ turn: unknown }>(result);
      return row ? writtenTurnOf(row.turn) : undefined;
    });
  },

  async getConversation(db: Executor, userId: string, id: string) {
    const [row] = await conversationById(db, { id, userId });
    return row;
  },

  // Not async: the builder is returned as is and sent when its caller's transaction asks
  // (a read sends it before COMMIT, in the same round trip).
  listConversations(
    db: Executor,
    userId: string,
    input: {
      assistant?: string | undefined;
      context?: { type: string; id: string } | undefined;
      limit: number;
      after?: { updatedAt: Date; id: string } | undefined;
    },
  ): Promise<ConversationRow[]> {
    return db
      .select()
      .from(conversations)
      .where(
        and(
          eq(conversations.userId, userId),
          input.assistant ? eq(conversations.assistant, input.assistant) : undefined,
          input.context ? eq(conversations.contextType, input.context.type) : undefined,
          input.context ? eq(conversations.contextId, input.context.id) : undefined,
          input.after
            ? or(
                lt(conversations.updatedAt, input.after.updatedAt),
                and(
                  eq(conversations.updatedAt, input.after.updatedAt),
                  lt(conversations.id, input.after.id),
                ),
              )
            : undefined,
        ),
      )
      .orderBy(desc(conversations.updatedAt), desc(conversations.id))
      .limit(input.limit + 1);
  },

  async updateConversation(
    db: Executor,
    userId: string,
    id: string,
    // The active leaf is set by `setActiveLeaf`.
    patch: Partial<Pick<ConversationRow, 'title'>>,
  ) {
    const [row] = await db
      .update(conversations)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(conversations.id, id), eq(conversations.userId, userId)))
      .returning();
    return row;
  },

  async setTitleIfUntitled(db: Executor, userId: string, id: string, title: string) {
    const rows = await db
      .update(conversations)
      .set({ title, updatedAt: new Date() })
      .where(
        and(
          eq(conversations.id, id),
          eq(conversations.userId, userId),
          isNull(conversations.title),
        ),
      )
      .returning({ id: conversations.id });
    return rows.length > 0;
  },

  async deleteConversation(db: Executor, userId: string, id: string): Promise<boolean> {
    const rows = await db
      .delete(conversations)
      .where(and(eq(conversations.id, id), eq(conversations.userId, userId)))
      .returning({ id: conversations.id });
    return rows.length > 0;
  },

  async insertMessage(
    db: Executor,
    userId: string,
    message: NewMessage,
  ): Promise<MessageRow | undefined> {
    const [row] = await insertMessageRow(db, {
      id: message.id ?? crypto.randomUUID(),
      conversationId: message.conversationId,
      userId,
      parentId: message.parentId ?? null,
      role: message.role,
      parts: message.parts,
      status: message.status,
      clientMessageId: message.clientMessageId ?? null,
    });
    return row;
  },

  /** Makes `leafId` the conversation's active leaf (the branch the conversation shows). */
  async setActiveLeaf(db: Executor, userId: string, id: string, leafId: string) {
    const [row] = await setActiveLeaf(db, { id, userId, leafId });
    return row;
  },

  async getMessage(db: Executor, userId: string, id: string) {
    const [row] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.id, id), eq(messages.userId, userId)))
      .limit(1);
    return row;
  },

  async conversationMessages(
    db: Executor,
    userId: string,
    conversationId: string,
  ): Promise<MessageRow[]> {
    return db
      .select()
      .from(messages)
      .where(and(eq(messages.userId, userId), eq(messages.conversationId, conversationId)))
      .orderBy(asc(messages.createdAt), asc(messages.id));
  },

  /**
   * The conversation's messages with only what the branch logic and the model need: a send
   * reads the whole conversation, and parsing every message's metadata, usage and timestamps on
   * every turn grew with its length.
   */
  messageTree(db: Executor, userId: string, conversationId: string): Promise<TreeMessage[]> {
    return messagesOf(db, { userId, conversationId });
  },

  async updateMessage(
    db: Executor,
    userId: string,
    id: string,
    patch: Partial<
      Pick<MessageRow, 'parts' | 'status' | 'models' | 'usage' | 'metadata' | 'error'>
    >,
  ) {
    await db
      .update(messages)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(messages.id, id), eq(messages.userId, userId)));
  },

  /**
   * System sweep: replies left `streaming` whose generation stopped writing (its process died)
   * become `interrupted`. Live generations write at least every few seconds.
   */
  async markStaleStreamingInterrupted(db: Executor, olderThan: Date): Promise<number> {
    const rows = await db
      .update(messages)
      .set({ status: 'interrupted', updatedAt: new Date() })
      .where(and(eq(messages.status, 'streaming'), lt(messages.updatedAt, olderThan)))
      .returning({ id: messages.id });
    return rows.length;
  },

  /**
   * Checkpoints of many streaming replies in one statement (each row still filtered by its
   * owner): with thousands of replies in flight, one statement per reply per second was most of
   * the database's work and a share of the API's (bench/stream-concurrency). Only replies still
   * `streaming` are written: a checkpoint never reopens a reply that has ended.
   */
  async checkpointReplies(db: Executor, at: Date, replies: ReplyCheckpoint[]) {
    if (replies.length === 0) return;
    await db.execute(sql`
      update ${messages} as m
      set parts = r.parts, models = r.models, metadata = r.metadata, usage = r.usage,
          error = r.error, updated_at = ${at.toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(replies)}::jsonb)
        as r(id uuid, "userId" uuid, parts jsonb, models jsonb, metadata jsonb, usage jsonb, error text)
      where m.id = r.id and m.user_id = r."userId" and m.status = 'streaming'
    `);
  },

  /**
   * Marks streaming replies alive without changing them (waiting for a generation slot, or
   * quiet), in one statement, so the stale sweep does not take them for orphaned.
   */
  async touchReplies(db: Executor, at: Date, replies: { id: string; userId: string }[]) {
    if (replies.length === 0) return;
    await db.execute(sql`
      update ${messages} as m set updated_at = ${at.toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(replies)}::jsonb) as r(id uuid, "userId" uuid)
      where m.id = r.id and m.user_id = r."userId" and m.status = 'streaming'
    `);
  },

  async touchConversation(db: Executor, userId: string, id: string) {
    await db
      .update(conversations)
      .set({ updatedAt: sql`now()` })
      .where(and(eq(conversations.id, id), eq(conversations.userId, userId)));
  },
};

export type ChatRepository = typeof chatRepository;

/** `writeTurnStatement`'s JSON (text or parsed, as the driver gives it) as typed rows. */
function writtenTurnOf(value: unknown): WrittenTurn {
  const raw = (typeof value === 'string' ? JSON.parse(value) : value) as {
    conversation: Record<string, unknown>;
    state: TurnState;
    stored: boolean;
    sent: WrittenTurn['sent'];
    branch: BranchMessage[];
  };
  const c = raw.conversation;
  return {
    conversation: {
      id: c.id as string,
      userId: c.user_id as string,
      assistant: c.assistant as string,
      title: c.title as string | null,
      contextType: c.context_type as string | null,
      contextId: c.context_id as string | null,
      activeLeafId: c.active_leaf_id as string | null,
      createdAt: new Date(c.created_at as string),
      updatedAt: new Date(c.updated_at as string),
    },
    state: raw.state,
    stored: raw.stored,
    sent: raw.sent,
    branch: raw.branch,
  };
}
