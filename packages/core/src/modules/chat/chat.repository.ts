import { compiledSelect, compiledWrite, type Executor, schema } from '@waypoint/db';
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

  async findByClientMessageId(
    db: Executor,
    userId: string,
    conversationId: string,
    clientMessageId: string,
  ) {
    const [row] = await db
      .select()
      .from(messages)
      .where(
        and(
          eq(messages.userId, userId),
          eq(messages.conversationId, conversationId),
          eq(messages.clientMessageId, clientMessageId),
        ),
      )
      .limit(1);
    return row;
  },

  async firstReplyTo(db: Executor, userId: string, parentId: string) {
    const [row] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.userId, userId), eq(messages.parentId, parentId)))
      .orderBy(asc(messages.createdAt))
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
