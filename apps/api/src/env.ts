import { loadAiEnv } from '@waypoint/ai';
import { loadAuthEnv } from '@waypoint/auth';
import { loadCoreEnv } from '@waypoint/core';
import { loadDbEnv } from '@waypoint/db';
import { z } from 'zod';

const csv = z.string().transform((value) =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean),
);

const apiEnvSchema = z.object({
  API_PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  /** 127.0.0.1 by default; set 0.0.0.0 in a container. */
  API_HOST: z.string().min(1).default('127.0.0.1'),
  /** The API's public base URL (issuer of local auth tokens). Defaults to the listen address. */
  API_URL: z.url().optional(),
  WEB_PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  /** Origins allowed by CORS; defaults to the web app on WEB_PORT. */
  WEB_ORIGINS: csv.optional(),
  API_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  TRPC_MAX_BATCH_SIZE: z.coerce.number().int().min(1).max(100).default(20),
  /** How long SIGTERM waits for in-flight requests and streams before closing them. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** Seeds the demo user and data at start-up (the quick start sets it). */
  /** Pause between offline-model chunks, so offline replies stream like a model's. */
  OFFLINE_CHUNK_DELAY_MS: z.coerce.number().int().min(0).default(12),
  CHAT_SEND_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** Replies generated at once by this process; more wait their turn (bench/stream-concurrency). */
  CHAT_MAX_ACTIVE_REPLIES: z.coerce.number().int().min(1).default(256),
  SEED_DEMO: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((value) => value === 'true' || value === '1'),
});

export type ApiEnv = z.infer<typeof apiEnvSchema> & {
  db: ReturnType<typeof loadDbEnv>;
  auth: ReturnType<typeof loadAuthEnv>;
  core: ReturnType<typeof loadCoreEnv>;
  ai: ReturnType<typeof loadAiEnv>;
};

export function loadApiEnv(source: Record<string, string | undefined> = process.env): ApiEnv {
  return {
    ...apiEnvSchema.parse(source),
    db: loadDbEnv(source),
    auth: loadAuthEnv(source),
    core: loadCoreEnv(source),
    ai: loadAiEnv(source),
  };
}

export function webOrigins(env: ApiEnv): string[] {
  return (
    env.WEB_ORIGINS ?? [`http://127.0.0.1:${env.WEB_PORT}`, `http://localhost:${env.WEB_PORT}`]
  );
}
