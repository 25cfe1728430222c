import { Column, is, type Query, SQL } from 'drizzle-orm';
import {
  PgDialect,
  type PgSession,
  QueryBuilder,
  type SelectedFieldsOrdered,
} from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/postgres-js';
import type { Database, Executor } from './client.ts';

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
 * own session, with drizzle's own placeholder filling and each field's own decoder (so the rows
 * are exactly what the builder would give). Selections are flat: columns and SQL expressions by
 * name.
 */
export function compiledSelect<TSelect extends PlaceholderSelect>(
  build: (qb: QueryBuilder) => TSelect,
): (ex: Executor, values: Record<string, unknown>) => Promise<TSelect['_']['result']> {
  let compiled:
    | { query: Query; fields: SelectedFieldsOrdered; rows: RowMapper | undefined }
    | undefined;
  return (ex, values) => {
    if (!compiled) {
      const select = build(new QueryBuilder());
      const fields = flatFields(select._.selectedFields);
      compiled = { query: select.toSQL(), fields, rows: flatRowMapper(fields) };
    }
    return sessionOf(ex)
      .prepareQuery(compiled.query, compiled.fields, undefined, true, compiled.rows)
      .execute(values) as Promise<TSelect['_']['result']>;
  };
}

/** What an insert, update or delete built with `sql.placeholder(...)` offers. */
interface PlaceholderWrite {
  toSQL(): Query;
  execute(): Promise<unknown>;
}

/**
 * `compiledSelect` for an insert, update or delete (with or without `returning`): built once
 * on a database with no connection, each call fills the placeholders and runs it through the
 * executor's session. Values given as placeholders still go through their column's encoder
 * (drizzle wraps them with the column), so JSON and timestamps are written as the builder
 * writes them. Why: a chat send writes three rows, and building their statements was most of
 * the API's work between the send's reads and its writes (bench/stream-overhead).
 */
export function compiledWrite<TWrite extends PlaceholderWrite>(
  build: (db: Database) => TWrite,
): (ex: Executor, values: Record<string, unknown>) => ReturnType<TWrite['execute']> {
  let compiled:
    | { query: Query; fields: SelectedFieldsOrdered | undefined; rows: RowMapper | undefined }
    | undefined;
  return (ex, values) => {
    if (!compiled) {
      const write = build(builderDatabase());
      // drizzle keeps a write's `returning` selection, ordered, in its config.
      const { returning } = (write as unknown as { config: { returning?: SelectedFieldsOrdered } })
        .config;
      compiled = {
        query: write.toSQL(),
        fields: returning,
        rows: returning && flatRowMapper(returning),
      };
    }
    return sessionOf(ex)
      .prepareQuery(compiled.query, compiled.fields, undefined, true, compiled.rows)
      .execute(values) as ReturnType<TWrite['execute']>;
  };
}

/** A raw statement (`sql\`...\``, values as placeholders) turned into SQL text once. */
export function compiledSql(
  statement: SQL,
): (ex: Executor, values: Record<string, unknown>) => Promise<unknown> {
  const query = dialect.sqlToQuery(statement);
  return (ex, values) =>
    sessionOf(ex).prepareQuery(query, undefined, undefined, false).execute(values);
}

const dialect = new PgDialect();
let builder: Database | undefined;
/** A drizzle database with no connection: it only builds statements. */
const builderDatabase = () => {
  builder ??= drizzle.mock() as unknown as Database;
  return builder;
};

type RowMapper = (rows: unknown[][]) => unknown[];

/**
 * drizzle's row mapping (`mapResultRow`) for a flat selection, set up once: each value through
 * its field's decoder, null as null. drizzle's own walks every field's path with an iterator and
 * looks up its decoder on every row; for the 20 goals it was the second-largest source of the
 * API's garbage (a sampling heap profile, bench/api-overhead). A selection with nested fields
 * keeps drizzle's mapping.
 */
function flatRowMapper(fields: SelectedFieldsOrdered): RowMapper | undefined {
  if (fields.some(({ path }) => path.length !== 1)) return undefined;
  const names = fields.map(({ path }) => path[0] as string);
  const decoders = fields.map(({ field }) => decoderOf(field));
  const count = names.length;
  return (rows) =>
    rows.map((row) => {
      const out: Record<string, unknown> = {};
      for (let index = 0; index < count; index++) {
        const value = row[index];
        out[names[index] as string] =
          value === null ? null : (decoders[index] as DriverValueDecoder).mapFromDriverValue(value);
      }
      return out;
    });
}

type DriverValueDecoder = { mapFromDriverValue(value: unknown): unknown };

/** Where drizzle takes a field's decoder from (as `mapResultRow` does). */
function decoderOf(field: unknown): DriverValueDecoder {
  if (is(field, Column)) return field as unknown as DriverValueDecoder;
  // A SQL expression's decoder (`.mapWith(...)`) is drizzle-internal in its types.
  if (is(field, SQL)) return (field as unknown as { decoder: DriverValueDecoder }).decoder;
  if (is(field, SQL.Aliased))
    return (field.sql as unknown as { decoder: DriverValueDecoder }).decoder;
  throw new Error('compiled query: a field is not a column or SQL expression');
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
