import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSupabaseMigrations, supabaseMigrationFiles } from './supabase-migrations.ts';

describe('supabase/migrations', () => {
  it('holds exactly the SQL drizzle applies (run `pnpm db:generate` after a schema change)', () => {
    const dir = fileURLToPath(new URL('../../../supabase/migrations', import.meta.url));
    expect(readSupabaseMigrations(dir)).toEqual(supabaseMigrationFiles());
  });
});
