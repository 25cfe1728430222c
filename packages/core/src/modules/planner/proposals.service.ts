import type { Principal } from '@waypoint/auth';
import type { Executor } from '@waypoint/db';
import { actorOf, type DataAccess } from '../../data/data-access.ts';
import { ConflictError, NotFoundError } from '../../errors/domain-errors.ts';
import type { GoalsRepository } from './goals.repository.ts';
import type { PlanOperations } from './plan-operations.ts';
import type { PlansRepository } from './plans.repository.ts';
import type { ProposalRow, ProposalsRepository } from './proposals.repository.ts';
import type {
  TCreateProposalRequest,
  TListProposalsRequest,
  TProposal,
  TProposalChange,
} from './proposals.schemas.ts';

export interface ProposalsDeps {
  proposals: ProposalsRepository;
  plans: PlansRepository;
  goals: GoalsRepository;
  ops: PlanOperations;
}

/**
 * The assistant proposes, the user decides. A proposal is checked when it is made (items and
 * goals exist, pinned items are not moved) and again when applied, in one transaction: either
 * every change lands or none does.
 */
export class ProposalsService {
  readonly #data: DataAccess;
  readonly #deps: ProposalsDeps;

  constructor(data: DataAccess, deps: ProposalsDeps) {
    this.#data = data;
    this.#deps = deps;
  }

  create(principal: Principal, input: TCreateProposalRequest): Promise<TProposal> {
    const userId = principal.userId;
    return this.#data.asUser(actorOf(principal), async (tx) => {
      const changes = [];
      for (const change of input.changes) changes.push(await this.#describe(tx, userId, change));
      return this.#deps.proposals.insert(tx, userId, { ...input, changes });
    });
  }

  list(principal: Principal, filter: TListProposalsRequest): Promise<TProposal[]> {
    return this.#data.asUser(actorOf(principal), (tx) =>
      this.#deps.proposals.list(tx, principal.userId, filter),
    );
  }

  get(principal: Principal, id: string): Promise<TProposal> {
    return this.#data.asUser(actorOf(principal), async (tx) => {
      const proposal = await this.#deps.proposals.get(tx, principal.userId, id);
      if (!proposal) throw new NotFoundError('Proposal');
      return proposal;
    });
  }

  apply(principal: Principal, id: string): Promise<TProposal> {
    const userId = principal.userId;
    return this.#data.asUser(actorOf(principal), async (tx) => {
      const proposal = await this.#pending(tx, userId, id);
      for (const change of proposal.changes) await this.#apply(tx, userId, change);
      await this.#deps.proposals.decide(tx, userId, id, 'applied');
      return { ...proposal, status: 'applied' as const, decidedAt: new Date() };
    });
  }

  reject(principal: Principal, id: string): Promise<TProposal> {
    const userId = principal.userId;
    return this.#data.asUser(actorOf(principal), async (tx) => {
      const proposal = await this.#pending(tx, userId, id);
      await this.#deps.proposals.decide(tx, userId, id, 'rejected');
      return { ...proposal, status: 'rejected' as const, decidedAt: new Date() };
    });
  }

  async #pending(tx: Executor, userId: string, id: string): Promise<ProposalRow> {
    const proposal = await this.#deps.proposals.getForDecision(tx, userId, id);
    if (!proposal) throw new NotFoundError('Proposal');
    if (proposal.status !== 'pending') {
      throw new ConflictError(`This proposal was already ${proposal.status}`);
    }
    return proposal;
  }

  /** Validates a change against the plan as it is now and records what it touches. */
  async #describe(tx: Executor, userId: string, change: TProposalChange) {
    const { ops } = this.#deps;
    switch (change.op) {
      case 'add_item':
        if (change.goalId) await ops.requireGoal(tx, userId, change.goalId);
        return change;
      case 'create_goal':
        return change;
      case 'move_item': {
        const item = await ops.requireItem(tx, userId, change.itemId);
        refuseIfPinned(item);
        return { ...change, itemTitle: item.title, fromDate: item.date };
      }
      case 'complete_item': {
        const item = await ops.requireItem(tx, userId, change.itemId);
        return { ...change, itemTitle: item.title, fromDate: item.date };
      }
    }
  }

  async #apply(tx: Executor, userId: string, change: TProposalChange): Promise<void> {
    const { ops, plans, goals } = this.#deps;
    switch (change.op) {
      case 'add_item':
        await ops.createItem(tx, userId, {
          date: change.date,
          title: change.title,
          goalId: change.goalId ?? null,
          estimateMinutes: change.estimateMinutes ?? null,
          priority: change.priority,
        });
        return;
      case 'move_item': {
        // Re-checked here: the user may have pinned the item after the proposal was made.
        refuseIfPinned(await ops.requireItem(tx, userId, change.itemId));
        await ops.moveItem(tx, userId, change.itemId, change.toDate);
        return;
      }
      case 'complete_item':
        await ops.requireItem(tx, userId, change.itemId);
        await plans.updateItem(tx, userId, change.itemId, { status: 'done' });
        return;
      case 'create_goal':
        await goals.insert(tx, userId, {
          title: change.title,
          horizon: change.horizon,
          priority: change.priority,
          description: change.description ?? null,
        });
        return;
    }
  }
}

function refuseIfPinned(item: { title: string; pinned: boolean }) {
  if (item.pinned) {
    throw new ConflictError(`"${item.title}" is pinned; pinned items are never moved`);
  }
}
