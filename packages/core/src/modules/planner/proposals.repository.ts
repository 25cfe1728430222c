import type { Executor } from '@waypoint/db';
import { schema } from '@waypoint/db';
import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { TListProposalsRequest, TProposal, TProposalChange } from './proposals.schemas.ts';

const { plannerProposals } = schema;

const proposalColumns = {
  id: plannerProposals.id,
  conversationId: plannerProposals.conversationId,
  messageId: plannerProposals.messageId,
  summary: plannerProposals.summary,
  changes: plannerProposals.changes,
  status: plannerProposals.status,
  decidedAt: plannerProposals.decidedAt,
  createdAt: plannerProposals.createdAt,
};

export type ProposalRow = Omit<TProposal, 'changes'> & { changes: TProposalChange[] };

export const proposalsRepository = {
  async insert(
    ex: Executor,
    userId: string,
    values: {
      summary: string;
      changes: TProposalChange[];
      conversationId?: string | null | undefined;
      messageId?: string | null | undefined;
    },
  ): Promise<ProposalRow> {
    const [row] = await ex
      .insert(plannerProposals)
      .values({ ...values, userId })
      .returning(proposalColumns);
    return row as ProposalRow;
  },

  async get(ex: Executor, userId: string, id: string): Promise<ProposalRow | undefined> {
    const [row] = await ex
      .select(proposalColumns)
      .from(plannerProposals)
      .where(and(eq(plannerProposals.userId, userId), eq(plannerProposals.id, id)));
    return row as ProposalRow | undefined;
  },

  /** Locks the row for the rest of the transaction so two applies cannot both run. */
  async getForDecision(ex: Executor, userId: string, id: string) {
    const [row] = await ex
      .select(proposalColumns)
      .from(plannerProposals)
      .where(and(eq(plannerProposals.userId, userId), eq(plannerProposals.id, id)))
      .for('update');
    return row as ProposalRow | undefined;
  },

  async list(ex: Executor, userId: string, filter: TListProposalsRequest): Promise<ProposalRow[]> {
    const conditions: SQL[] = [eq(plannerProposals.userId, userId)];
    if (filter.status) conditions.push(eq(plannerProposals.status, filter.status));
    if (filter.conversationId) {
      conditions.push(eq(plannerProposals.conversationId, filter.conversationId));
    }
    const rows = await ex
      .select(proposalColumns)
      .from(plannerProposals)
      .where(and(...conditions))
      .orderBy(desc(plannerProposals.createdAt))
      .limit(100);
    return rows as ProposalRow[];
  },

  async decide(ex: Executor, userId: string, id: string, status: 'applied' | 'rejected') {
    await ex
      .update(plannerProposals)
      .set({ status, decidedAt: new Date() })
      .where(and(eq(plannerProposals.userId, userId), eq(plannerProposals.id, id)));
  },
};

export type ProposalsRepository = typeof proposalsRepository;
