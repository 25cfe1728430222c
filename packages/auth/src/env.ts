import { z } from 'zod';

const authEnvSchema = z.object({
  /** A Supabase project. Unset: the API serves the local, Supabase-compatible auth at /auth/v1. */
  SUPABASE_URL: z.url().optional(),
  /** When set, local auth accepts only this `apikey`; on Supabase it is the project's anon key. */
  SUPABASE_ANON_KEY: z.string().min(1).optional(),
  /** Legacy HS256 secret of a Supabase project; enables HS256 verification alongside JWKS. */
  SUPABASE_JWT_SECRET: z.string().min(32).optional(),
  AUTH_ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
  /** Window in which a just-rotated refresh token may be presented again (concurrent tabs). */
  AUTH_REFRESH_REUSE_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
  AUTH_MIN_PASSWORD_LENGTH: z.coerce.number().int().min(6).max(128).default(8),
});

export type AuthEnv = z.infer<typeof authEnvSchema>;

export function loadAuthEnv(source: Record<string, string | undefined> = process.env): AuthEnv {
  return authEnvSchema.parse(source);
}
