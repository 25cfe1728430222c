import { defineConfig } from 'drizzle-kit';

// `auth` belongs to Supabase (created by the bootstrap migration only where missing), and the
// Supabase roles already exist there, so drizzle-kit manages neither.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/managed.ts',
  out: './migrations',
  schemaFilter: ['public', 'local_auth'],
  entities: { roles: { provider: 'supabase' } },
  casing: 'snake_case',
});
