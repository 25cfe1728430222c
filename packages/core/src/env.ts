import { z } from 'zod';

const coreEnvSchema = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export type CoreEnv = z.infer<typeof coreEnvSchema>;

export function loadCoreEnv(source: Record<string, string | undefined> = process.env): CoreEnv {
  return coreEnvSchema.parse(source);
}
