import { z } from 'zod';

const int = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

const aiEnvSchema = z.object({
  AI_CHAT_MODELS: z.string().optional(),
  AI_TASK_MODELS: z.string().optional(),
  AI_EMBEDDING_MODEL: z.string().optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url().optional(),
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_BASE_URL: z.url().optional(),
  OLLAMA_BASE_URL: z.url().optional(),
  OPENAI_COMPATIBLE_BASE_URL: z.url().optional(),
  OPENAI_COMPATIBLE_API_KEY: z.string().min(1).optional(),
  AI_RETRY_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  AI_RETRY_MIN_MS: int(1000),
  AI_RETRY_MAX_MS: int(10_000),
  AI_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(1).default(5000),
  AI_CHUNK_TIMEOUT_MS: z.coerce.number().int().min(1).default(15_000),
  AI_TASK_TIMEOUT_MS: z.coerce.number().int().min(1).default(30_000),
  AI_BREAKER_CONSECUTIVE: z.coerce.number().int().min(1).default(5),
  AI_BREAKER_ERROR_RATE: z.coerce.number().min(0.01).max(1).default(0.5),
  AI_BREAKER_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),
  AI_BREAKER_MIN_VOLUME: z.coerce.number().int().min(1).default(10),
  AI_BREAKER_HALF_OPEN_MS: z.coerce.number().int().min(1).default(30_000),
  AI_CACHE_TTL_MS: z.coerce.number().int().min(0).default(3_600_000),
  AI_CACHE_MAX_ENTRIES: z.coerce.number().int().min(1).default(1000),
  REDIS_URL: z.url().optional(),
});

export type AiEnv = z.infer<typeof aiEnvSchema>;

export function loadAiEnv(source: Record<string, string | undefined> = process.env): AiEnv {
  return aiEnvSchema.parse(source);
}
