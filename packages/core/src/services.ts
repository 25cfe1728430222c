import type { Database } from '@waypoint/db';
import { createDataAccess } from './data/data-access.ts';
import { createLogger, type Logger } from './logging/logger.ts';
import { accountRepository } from './modules/account/account.repository.ts';
import { AccountService } from './modules/account/account.service.ts';
import { usageRepository } from './modules/ai/usage.repository.ts';
import { UsageService } from './modules/ai/usage.service.ts';
import { type BufferedUsageSink, createDbUsageSink } from './modules/ai/usage.sink.ts';
import { createPlannerServices, type PlannerServices } from './modules/planner/planner.services.ts';

/** Every module's service, built once per process and handed to each request's context. */
export interface Services {
  account: AccountService;
  planner: PlannerServices;
  ai: { usage: UsageService; usageSink: BufferedUsageSink };
}

export interface ServiceDependencies {
  db: Database;
  log?: Logger;
}

export function createServices(deps: ServiceDependencies): Services {
  const data = createDataAccess(deps.db);
  const log = deps.log ?? createLogger({ level: 'silent' });
  return {
    account: new AccountService(data, accountRepository),
    planner: createPlannerServices(data),
    ai: {
      usage: new UsageService(data, usageRepository),
      usageSink: createDbUsageSink(data, usageRepository, log),
    },
  };
}
