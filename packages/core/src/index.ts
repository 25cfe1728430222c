export { type CoreEnv, loadCoreEnv } from './env.ts';
export * from './errors/index.ts';
export { createLogger, type Logger, redactedPaths } from './logging/logger.ts';
export {
  type AssistantContext,
  type AssistantDefinition,
  type AssistantTurn,
  defineAssistant,
} from './modules/chat/assistants.ts';
export { STALE_STREAMING_MS } from './modules/chat/chat.service.ts';
export {
  type AppRouter,
  appRouter,
  createCaller,
  type RouterInputs,
  type RouterOutputs,
} from './root.ts';
export { createServices, type ServiceDependencies, type Services } from './services.ts';
export {
  type Context,
  createContextInner,
  createRequestContextFactory,
  type RequestContextInput,
} from './trpc/context.ts';
export type { WaypointErrorData } from './trpc/error-formatter.ts';
