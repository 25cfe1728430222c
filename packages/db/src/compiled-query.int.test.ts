import { and, asc, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './client.ts';
import { compiledSelect, compiledSql, compiledWrite } from './compiled-query.ts';
import { resultRows } from './migrate.ts';
import { conversations, messages } from './schema/chat.ts';
import { profiles } from './schema/profiles.ts';
import { createTestUser, getTestDatabase, resetTestDatabase } from './testing/index.ts';
import { runAsUser } from './user-scope.ts';

describe('compiled selects', () => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await getTestDatabase();
    await resetTestDatabase(handle);
  });

  const columns = {
    id: profiles.id,
    displayName: profiles.displayName,
    createdAt: profiles.createdAt,
    shout: sql<string>`upper(${profiles.displayName})`.as('shout'),
    // A decoder of its own: a number, not the driver's string.
    nameLength: sql<number>`length(${profiles.displayName})::text`
      .mapWith(Number)
      .as('name_length'),
  };
  const byName = compiledSelect((qb) =>
    qb
      .select(columns)
      .from(profiles)
      .where(and(eq(profiles.displayName, sql.placeholder('name'))))
      .orderBy(asc(profiles.id)),
  );

  it('answers what the builder answers, on the database and in a user transaction', async () => {
    const a = await createTestUser(handle);
    const b = await createTestUser(handle);
    for (const user of [a, b])
      await handle.db.update(profiles).set({ displayName: 'Sam' }).where(eq(profiles.id, user.id));
    const built = await handle.db
      .select(columns)
      .from(profiles)
      .where(eq(profiles.displayName, 'Sam'))
      .orderBy(asc(profiles.id));
    expect(built).toHaveLength(2);
    expect(built[0]?.createdAt).toBeInstanceOf(Date);
    expect(built[0]?.nameLength).toBe(3);
    // Run twice: the second run uses the SQL built by the first.
    expect(await byName(handle.db, { name: 'Sam' })).toEqual(built);
    expect(await byName(handle.db, { name: 'Sam' })).toEqual(built);
    expect(await byName(handle.db, { name: 'Nobody' })).toEqual([]);
    // Under RLS, as user b: only b's row.
    const seenByB = await runAsUser(handle.db, { sub: b.id }, (tx) => byName(tx, { name: 'Sam' }));
    expect(seenByB).toEqual(built.filter((row) => row.id === b.id));
  });

  it('refuses a call without a value for a placeholder', async () => {
    await expect(byName(handle.db, {})).rejects.toThrow(/placeholder/i);
  });
});

describe('compiled writes and raw statements', () => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await getTestDatabase();
    await resetTestDatabase(handle);
  });

  const insertMessage = compiledWrite((db) =>
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
      })
      .onConflictDoNothing()
      .returning(),
  );
  const rename = compiledWrite((db) =>
    db
      .update(profiles)
      .set({ displayName: sql`${sql.placeholder('name')}` })
      .where(eq(profiles.id, sql.placeholder('id')))
      .returning({ id: profiles.id, displayName: profiles.displayName }),
  );
  const deleteMessage = compiledWrite((db) =>
    db.delete(messages).where(eq(messages.id, sql.placeholder('id'))),
  );
  const setting = compiledSql(
    sql`select set_config('waypoint.test', ${sql.placeholder('value')}, true) as value`,
  );

  it('writes what the builder writes and returns the rows it returns, under RLS too', async () => {
    const user = await createTestUser(handle);
    const [conversation] = await handle.db
      .insert(conversations)
      .values({ userId: user.id, assistant: 'general' })
      .returning();
    const values = {
      id: crypto.randomUUID(),
      conversationId: conversation?.id,
      userId: user.id,
      parentId: null,
      role: 'user',
      // jsonb goes through the column's encoder: nested values, quotes and unicode intact.
      parts: [{ type: 'text', text: 'say "hi" — ✓', meta: { n: 1, list: [true, null] } }],
      status: 'complete',
    };
    const inserted = await runAsUser(handle.db, { sub: user.id }, (tx) =>
      insertMessage(tx, values),
    );
    const [stored] = await handle.db.select().from(messages).where(eq(messages.id, values.id));
    expect(inserted).toEqual([stored]);
    expect(stored?.parts).toEqual(values.parts);
    expect(stored?.createdAt).toBeInstanceOf(Date);
    // On conflict, nothing: the same id again returns no row.
    expect(await insertMessage(handle.db, values)).toEqual([]);

    const other = await createTestUser(handle);
    // RLS: another user's transaction cannot rename this user's profile.
    expect(
      await runAsUser(handle.db, { sub: other.id }, (tx) =>
        rename(tx, { id: user.id, name: 'Eve' }),
      ),
    ).toEqual([]);
    expect(await rename(handle.db, { id: user.id, name: 'Ada' })).toEqual([
      { id: user.id, displayName: 'Ada' },
    ]);

    await deleteMessage(handle.db, { id: values.id });
    expect(await handle.db.select().from(messages).where(eq(messages.id, values.id))).toEqual([]);
  });

  it('runs a raw statement with its placeholders filled, in the transaction it is given', async () => {
    const seen = await handle.db.transaction(async (tx) => {
      await setting(tx, { value: 'inside' });
      return tx.execute(sql`select current_setting('waypoint.test', true) as value`);
    });
    expect([...resultRows(seen)]).toEqual([{ value: 'inside' }]);
    await expect(setting(handle.db, {})).rejects.toThrow(/placeholder/i);
  });
});
