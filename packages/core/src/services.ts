import type { Database } from '@waypoint/db';
import { createDataAccess } from './data/data-access.ts';
import { accountRepository } from './modules/account/account.repository.ts';
import { AccountService } from './modules/account/account.service.ts';
import { createPlannerServices, type PlannerServices } from './modules/planner/planner.services.ts';

/** Every module's service, built once per process and handed to each request's context. */
export interface Services {
  account: AccountService;
  planner: PlannerServices;
}

export interface ServiceDependencies {
  db: Database;
}

export function createServices(deps: ServiceDependencies): Services {
  const data = createDataAccess(deps.db);
  return {
    account: new AccountService(data, accountRepository),
    planner: createPlannerServices(data),
  };
}
