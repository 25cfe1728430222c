'use client';
import { createBrowserClient } from '@supabase/ssr';
import type { SupabaseClient } from '@supabase/supabase-js';

let client: SupabaseClient | undefined;

/** One browser client per tab; the session lives in cookies shared with the server. */
export function supabaseBrowser(url: string, anonKey: string): SupabaseClient {
  client ??= createBrowserClient(url, anonKey);
  return client;
}
