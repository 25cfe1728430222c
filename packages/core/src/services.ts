import {
  type AiEnv,
  type AiGateway,
  createAiGateway,
  createLruResponseCache,
  createRedisResponseCache,
  loadAiEnv,
} from '@waypoint/ai';
import type { Database } from '@waypoint/db';
import { createDataAccess } from './data/data-access.ts';
import { createLogger, type Logger } from './logging/logger.ts';
import { accountRepository } from './modules/account/account.repository.ts';
import { AccountService } from './modules/account/account.service.ts';
import { usageRepository } from './modules/ai/usage.repository.ts';
import { UsageService } from './modules/ai/usage.service.ts';
import { type BufferedUsageSink, createDbUsageSink } from './modules/ai/usage.sink.ts';
import { AssistantRegistry } from './modules/chat/assistants.ts';
import { chatRepository } from './modules/chat/chat.repository.ts';
import { ChatService } from './modules/chat/chat.service.ts';
import { generalAssistant } from './modules/chat/general.assistant.ts';
import { GenerationHub } from './modules/chat/generation-hub.ts';
import { RedisGenerationHub } from './modules/chat/redis-generation-hub.ts';
import { createSendRateLimit } from './modules/chat/send-rate-limit.ts';
import { plannerAssistant } from './modules/planner/planner.assistant.ts';
import { createPlannerServices, type PlannerServices } from './modules/planner/planner.services.ts';

/** Every module's service, built once per process and handed to each request's context. */
export interface Services {
  account: AccountService;
  planner: PlannerServices;
  chat: ChatService;
  ai: { gateway: AiGateway; usage: UsageService; usageSink: BufferedUsageSink };
}

export interface ServiceDependencies {
  db: Database;
  log?: Logger;
  /** Model chains and policies; without it every role is offline (tests, embedded defaults). */
  aiEnv?: AiEnv;
  /** Pause between offline-model chunks so offline replies stream visibly in the UI. */
  offlineChunkDelayMs?: number;
  /** `chat.send` calls per user per minute. */
  chatSendPerMinute?: number;
  /** Replies this process generates at once; more wait their turn (default 256). */
  chatMaxActiveReplies?: number;
}

export function createServices(deps: ServiceDependencies): Services {
  const data = createDataAccess(deps.db);
  const log = deps.log ?? createLogger({ level: 'silent' });
  const usageSink = createDbUsageSink(data, usageRepository, log);
  const aiEnv = deps.aiEnv ?? loadAiEnv({});
  const gateway = createAiGateway({
    env: aiEnv,
    usageSink,
    cache: aiEnv.REDIS_URL
      ? createRedisResponseCache(aiEnv.REDIS_URL)
      : createLruResponseCache({ maxEntries: aiEnv.AI_CACHE_MAX_ENTRIES }),
    offlineChunkDelayMs: deps.offlineChunkDelayMs,
  });
  const services: Services = {
    account: new AccountService(data, accountRepository),
    planner: createPlannerServices(data),
    ai: { gateway, usage: new UsageService(data, usageRepository), usageSink },
    chat: new ChatService({
      data,
      repo: chatRepository,
      // Modules register their assistants here; the engine knows none of them.
      assistants: new AssistantRegistry([generalAssistant, plannerAssistant]),
      // With Redis, any instance can follow, resume or stop a reply generated on another.
      hub: aiEnv.REDIS_URL ? new RedisGenerationHub(aiEnv.REDIS_URL) : new GenerationHub(),
      gateway,
      rateLimit: createSendRateLimit({
        perMinute: deps.chatSendPerMinute ?? 30,
        redisUrl: aiEnv.REDIS_URL,
      }),
      log,
      services: () => services,
      maxActiveReplies: deps.chatMaxActiveReplies,
    }),
  };
  return services;
}
