import { Column, is, type Query, SQL } from 'drizzle-orm';
import { type PgSession, QueryBuilder, type SelectedFieldsOrdered } from 'drizzle-orm/pg-core';
import type { Executor } from './client.ts';

/** What a select built with `sql.placeholder(...)` offers: its SQL, its fields, its rows' type. */
interface PlaceholderSelect {
  toSQL(): Query;
  _: { selectedFields: Record<string, unknown>; result: unknown };
}

/**
 * A select built once and run on any executor. drizzle builds a query's SQL text from its
 * builder on every execution — in bench/api-overhead the largest share of drizzle's time on a
 * 20-row read — and its prepared queries belong to the session they were made on, not to the
 * fresh transaction every user call runs in. Here the select is built once, with
 * `sql.placeholder(...)` for its values; each call fills them and runs it through the executor's
 * own session, with drizzle's own placeholder filling and row mapping (so the rows are exactly
 * what the builder would give). Selections are flat: columns and SQL expressions by name.
 */
export function compiledSelect<TSelect extends PlaceholderSelect>(
  build: (qb: QueryBuilder) => TSelect,
): (ex: Executor, values: Record<string, unknown>) => Promise<TSelect['_']['result']> {
  let compiled: { query: Query; fields: SelectedFieldsOrdered } | undefined;
  return (ex, values) => {
    if (!compiled) {
      const select = build(new QueryBuilder());
      compiled = { query: select.toSQL(), fields: flatFields(select._.selectedFields) };
    }
    return sessionOf(ex)
      .prepareQuery(compiled.query, compiled.fields, undefined, true)
      .execute(values) as Promise<TSelect['_']['result']>;
  };
}

/** The session an executor runs its queries on (drizzle keeps it in `_`). */
function sessionOf(ex: Executor): PgSession {
  return (ex as unknown as { _: { session: PgSession } })._.session;
}

/** The selection in drizzle's order-of-fields form, for flat selections (what the builder does). */
function flatFields(selection: Record<string, unknown>): SelectedFieldsOrdered {
  return Object.entries(selection).map(([name, field]) => {
    if (!is(field, Column) && !is(field, SQL) && !is(field, SQL.Aliased))
      throw new Error(`compiledSelect: "${name}" is not a column or SQL expression`);
    return { path: [name], field } as SelectedFieldsOrdered[number];
  });
}
