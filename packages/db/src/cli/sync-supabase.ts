// Writes packages/db/migrations into supabase/migrations under Supabase CLI names.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { supabaseMigrationFiles } from '../supabase-migrations.ts';

const target = fileURLToPath(new URL('../../../../supabase/migrations', import.meta.url));
mkdirSync(target, { recursive: true });
for (const file of readdirSync(target)) if (file.endsWith('.sql')) rmSync(`${target}/${file}`);
for (const { name, sql } of supabaseMigrationFiles()) writeFileSync(`${target}/${name}`, sql);
console.log(`supabase/migrations: ${supabaseMigrationFiles().length} files`);
