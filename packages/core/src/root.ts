import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { accountRouter } from './modules/account/account.router.ts';
import { aiRouter } from './modules/ai/ai.router.ts';
import { chatRouter } from './modules/chat/chat.router.ts';
import { plannerRouter } from './modules/planner/planner.router.ts';
import { createCallerFactory, router } from './trpc/procedures.ts';

export const appRouter = router({
  account: accountRouter,
  ai: aiRouter,
  chat: chatRouter,
  planner: plannerRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export const createCaller = createCallerFactory(appRouter);
