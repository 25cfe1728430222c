export { contextWindowOf, type FitResult, fitToContext } from './budget/token-budget.ts';
export { createLruResponseCache, createRedisResponseCache } from './cache/response-cache.ts';
export type * from './contracts.ts';
export {
  createLocalEmbeddingModel,
  embedText,
  LOCAL_EMBEDDING_DIMENSIONS,
} from './embeddings/local-embedding.ts';
export { type AiEnv, loadAiEnv } from './env.ts';
export {
  type AiGateway,
  type AiGatewayOptions,
  createAiGateway,
  type GenerateTaskInput,
  type ResponseCache,
  type TaskResult,
} from './gateway/gateway.ts';
export type { ChatStreamEvent, OfflineOption, StreamChatInput } from './gateway/types.ts';
export { generalOfflineResponder, lastUserText } from './offline/general-responder.ts';
export {
  createOfflineModel,
  OFFLINE_METADATA,
  type OfflineProviderOptions,
} from './offline/offline-model.ts';
export { PRICE_TABLE_VERSION, priceFor } from './pricing/price-table.ts';
export {
  loadPromptTemplates,
  type PromptTemplate,
  PromptTemplateError,
  type PromptVariables,
} from './prompts/prompt-templates.ts';
export { AiConfigError, type ModelChains, parseModelChains } from './registry/chains.ts';
export type { BreakerState } from './resilience/breaker.ts';
