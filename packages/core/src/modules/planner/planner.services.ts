import type { DataAccess } from '../../data/data-access.ts';
import { goalsRepository } from './goals.repository.ts';
import { GoalsService } from './goals.service.ts';
import { plansRepository } from './plans.repository.ts';
import { PlansService } from './plans.service.ts';
import { ReviewService } from './review.service.ts';

export interface PlannerServices {
  goals: GoalsService;
  plans: PlansService;
  review: ReviewService;
}

export function createPlannerServices(data: DataAccess): PlannerServices {
  return {
    goals: new GoalsService(data, goalsRepository),
    plans: new PlansService(data, plansRepository, goalsRepository),
    review: new ReviewService(data, plansRepository, goalsRepository),
  };
}
