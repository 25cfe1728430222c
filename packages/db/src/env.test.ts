import { describe, expect, it } from 'vitest';
import { loadDbEnv, preparesStatements } from './env.ts';

describe('preparesStatements', () => {
  const env = (vars: Record<string, string>) => loadDbEnv({ ...vars });

  it('keeps statements prepared on a direct or session connection', () => {
    expect(preparesStatements(env({}))).toBe(true);
    expect(
      preparesStatements(
        env({ DATABASE_URL: 'postgres://u:p@db.example.supabase.co:5432/postgres' }),
      ),
    ).toBe(true);
  });

  it("turns them off on Supabase's transaction pooler, which cannot hold them", () => {
    expect(
      preparesStatements(
        env({ DATABASE_URL: 'postgres://u:p@aws-0-eu.pooler.supabase.com:6543/postgres' }),
      ),
    ).toBe(false);
  });

  it('does what DB_PREPARE says when it is not auto', () => {
    const pooled = 'postgres://u:p@pgbouncer.internal:6432/app';
    expect(preparesStatements(env({ DATABASE_URL: pooled, DB_PREPARE: 'false' }))).toBe(false);
    expect(preparesStatements(env({ DATABASE_URL: pooled, DB_PREPARE: 'true' }))).toBe(true);
    expect(() => env({ DB_PREPARE: 'sometimes' })).toThrow();
  });
});
