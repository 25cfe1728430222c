import { type DatabaseHandle, migrationStatus } from '@waypoint/db';
import { sql } from 'drizzle-orm';

export interface ReadinessCheck {
  ok: boolean;
  detail?: string;
  latencyMs?: number;
}

export interface Readiness {
  ready: boolean;
  checks: Record<string, ReadinessCheck>;
}

/** Start-up state plus live checks: ready only once migrations ran and the database answers. */
export function createReadiness(handle: DatabaseHandle) {
  let migrated = false;
  let migrationError: string | undefined;
  const extraChecks = new Map<string, () => ReadinessCheck>();

  return {
    markMigrated() {
      migrated = true;
    },
    markMigrationFailed(message: string) {
      migrationError = message;
    },
    isMigrated: () => migrated,
    /** Other parts (the AI breakers) add checks that `/ready` reports. */
    addCheck(name: string, check: () => ReadinessCheck) {
      extraChecks.set(name, check);
    },
    async check(): Promise<Readiness> {
      const checks: Record<string, ReadinessCheck> = {};
      checks.migrations = migrated
        ? { ok: true, detail: await migrationDetail(handle) }
        : { ok: false, detail: migrationError ?? 'applying' };
      const started = performance.now();
      try {
        await handle.db.execute(sql`select 1`);
        checks.database = { ok: true, latencyMs: Math.round(performance.now() - started) };
      } catch {
        checks.database = { ok: false, detail: 'unreachable' };
      }
      for (const [name, check] of extraChecks) checks[name] = check();
      const ready = checks.migrations.ok && checks.database.ok;
      return { ready, checks };
    },
  };
}

export type ReadinessState = ReturnType<typeof createReadiness>;

async function migrationDetail(handle: DatabaseHandle): Promise<string> {
  const status = await migrationStatus(handle).catch(() => undefined);
  return status ? `${status.applied}/${status.expected} applied` : 'unknown';
}
