import type { Database } from '@waypoint/db';
import { createDataAccess } from './data/data-access.ts';
import { accountRepository } from './modules/account/account.repository.ts';
import { AccountService } from './modules/account/account.service.ts';

/** Every module's service, built once per process and handed to each request's context. */
export interface Services {
  account: AccountService;
}

export interface ServiceDependencies {
  db: Database;
}

export function createServices(deps: ServiceDependencies): Services {
  const data = createDataAccess(deps.db);
  return {
    account: new AccountService(data, accountRepository),
  };
}
