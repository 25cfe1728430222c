import type { DataAccess } from '../../data/data-access.ts';
import { goalsRepository } from './goals.repository.ts';
import { GoalsService } from './goals.service.ts';
import { PlanOperations } from './plan-operations.ts';
import { plansRepository } from './plans.repository.ts';
import { PlansService } from './plans.service.ts';
import { proposalsRepository } from './proposals.repository.ts';
import { ProposalsService } from './proposals.service.ts';
import { ReviewService } from './review.service.ts';

export interface PlannerServices {
  goals: GoalsService;
  plans: PlansService;
  review: ReviewService;
  proposals: ProposalsService;
}

export function createPlannerServices(data: DataAccess): PlannerServices {
  const operations = new PlanOperations(plansRepository, goalsRepository);
  return {
    goals: new GoalsService(data, goalsRepository),
    plans: new PlansService(data, plansRepository, operations),
    review: new ReviewService(data, plansRepository, goalsRepository),
    proposals: new ProposalsService(data, {
      proposals: proposalsRepository,
      plans: plansRepository,
      goals: goalsRepository,
      ops: operations,
    }),
  };
}
