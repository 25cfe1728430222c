import type { Principal } from '@waypoint/auth';
import {
  type Database,
  type Executor,
  readAsUser,
  runAsUser,
  type UserTransaction,
} from '@waypoint/db';

/** The signed-in user a service acts for: every user query is scoped to `userId`. */
export interface Actor {
  userId: string;
  claims: Principal['claims'];
}

/**
 * How services reach the database without knowing SQL: `asUser` opens a transaction under the
 * user's RLS claims, `asSystem` runs with the API's own rights (migrations, auth, background
 * jobs). Repositories receive the executor and do the querying.
 */
export interface DataAccess {
  /**
   * The work may end with `transaction.commitWith(() => [writes])`: its last writes and COMMIT
   * go out together, one round trip less (`UserTransaction`, @waypoint/db).
   */
  asUser<T>(
    actor: Actor,
    work: (tx: Executor, transaction: UserTransaction) => Promise<T>,
  ): Promise<T>;
  /**
   * `asUser` for a read whose statements all go out before its first await (a compiled select,
   * a builder returned as is, or several at once): read-only, and on PostgreSQL in one round trip
   * with its BEGIN and COMMIT. A statement issued later fails loudly (`readAsUser`, @waypoint/db).
   */
  readAsUser<T>(actor: Actor, work: (tx: Executor) => Promise<T>): Promise<T>;
  asSystem<T>(work: (db: Executor) => Promise<T>): Promise<T>;
}

export function createDataAccess(db: Database): DataAccess {
  return {
    asUser: (actor, work) => runAsUser(db, actor.claims, work),
    readAsUser: (actor, work) => readAsUser(db, actor.claims, work),
    asSystem: (work) => work(db),
  };
}

export function actorOf(principal: Principal): Actor {
  return { userId: principal.userId, claims: principal.claims };
}
