import type { Principal } from '@waypoint/auth';
import type { DatabaseHandle } from '@waypoint/db';
import {
  createTestUser,
  getTestDatabase,
  resetTestDatabase,
  type TestUser,
} from '@waypoint/db/testing';
import { createLogger } from '../logging/logger.ts';
import { createCaller } from '../root.ts';
import { createServices, type Services } from '../services.ts';
import { createContextInner } from '../trpc/context.ts';

export interface TestHarness {
  handle: DatabaseHandle;
  services: Services;
  /** A new signed-up user and a caller acting as them. */
  signUp(email?: string): Promise<{ user: TestUser; caller: ReturnType<typeof createCaller> }>;
  anonymousCaller(): ReturnType<typeof createCaller>;
  reset(): Promise<void>;
}

const silentLog = createLogger({ level: 'silent' });

export function principalFor(user: TestUser, overrides: Partial<Principal> = {}): Principal {
  return {
    userId: user.id,
    email: user.email,
    role: 'authenticated',
    sessionId: null,
    isAdmin: false,
    claims: { sub: user.id, email: user.email, role: 'authenticated', aud: 'authenticated' },
    ...overrides,
  };
}

/** Procedures called through `createCaller` against the worker's test database. */
export async function createTestHarness(
  buildServices: (handle: DatabaseHandle) => Services = (handle) =>
    createServices({ db: handle.db }),
): Promise<TestHarness> {
  const handle = await getTestDatabase();
  const services = buildServices(handle);
  const callerAs = (principal: Principal | null) =>
    createCaller(createContextInner({ principal, requestId: 'test', log: silentLog, services }));
  return {
    handle,
    services,
    async signUp(email) {
      const user = await createTestUser(handle, email);
      return { user, caller: callerAs(principalFor(user)) };
    },
    anonymousCaller: () => callerAs(null),
    reset: () => resetTestDatabase(handle),
  };
}

/**
 * `planner.proposals.apply` through a server-side caller. tRPC's caller is a proxy on which a
 * path ending in `apply` means `Function.prototype.apply`, so the call must be spelled this way;
 * HTTP clients are unaffected (their paths end in `.mutate`).
 */
export function applyProposal(caller: ReturnType<typeof createCaller>, id: string) {
  return caller.planner.proposals.apply.apply(undefined, [{ id }]);
}
