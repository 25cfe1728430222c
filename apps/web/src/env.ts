import { z } from 'zod';

const webEnvSchema = z.object({
  API_URL: z.url().default('http://127.0.0.1:4000'),
  /** A Supabase project; unset means the API's local auth at `${API_URL}/auth/v1`. */
  SUPABASE_URL: z.url().optional(),
  SUPABASE_ANON_KEY: z.string().min(1).default('waypoint-local-anon-key'),
});

export type WebEnv = z.infer<typeof webEnvSchema>;

/** Read at request time, so one build serves any API address (no build-time inlining). */
export function webEnv(): WebEnv {
  return webEnvSchema.parse(process.env);
}

/** What the browser needs to reach the API and the auth server. */
export function publicConfig() {
  const env = webEnv();
  return {
    apiUrl: env.API_URL.replace(/\/+$/, ''),
    supabaseUrl: (env.SUPABASE_URL ?? env.API_URL).replace(/\/+$/, ''),
    anonKey: env.SUPABASE_ANON_KEY,
  };
}

export type PublicConfig = ReturnType<typeof publicConfig>;
