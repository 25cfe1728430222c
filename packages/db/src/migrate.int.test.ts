import { describe, expect, it } from 'vitest';
import { migrationStatus, runMigrations } from './migrate.ts';
import { getTestDatabase } from './testing/index.ts';

describe('migrations', () => {
  it('are recorded as up to date and re-running them is a no-op', async () => {
    const handle = await getTestDatabase();
    await runMigrations(handle);
    const status = await migrationStatus(handle);
    expect(status.expected).toBeGreaterThanOrEqual(2);
    expect(status).toMatchObject({ applied: status.expected, upToDate: true });
  });
});
