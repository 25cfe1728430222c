import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrationsFolder } from './migrate.ts';

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

/**
 * The Supabase CLI wants `<UTC timestamp>_<name>.sql`; drizzle-kit writes `<index>_<name>.sql`
 * with the creation time in its journal. Same SQL, two names: this maps one to the other so
 * `supabase db push` and drizzle's migrator apply identical files.
 */
export function supabaseMigrationFiles(): { name: string; sql: string }[] {
  const journal = JSON.parse(
    readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8'),
  ) as {
    entries: JournalEntry[];
  };
  return journal.entries.map((entry) => {
    const stamp = new Date(entry.when).toISOString().replace(/[-:T]/g, '').slice(0, 14);
    const name = `${stamp}_${entry.tag.replace(/^\d+_/, '')}.sql`;
    return { name, sql: readFileSync(join(migrationsFolder, `${entry.tag}.sql`), 'utf8') };
  });
}

export function readSupabaseMigrations(dir: string): { name: string; sql: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(dir, name), 'utf8') }));
}
