import { createClient, type Session, type SupabaseClient } from '@supabase/supabase-js';

export interface WaypointAuthOptions {
  /** The API's base URL in local auth mode, or the Supabase project URL. */
  url: string;
  /** The project's anon key; any value works against local auth without `SUPABASE_ANON_KEY`. */
  anonKey?: string;
  /** Keep the session in memory (scripts, servers) rather than in browser storage. */
  persistSession?: boolean;
}

export const LOCAL_ANON_KEY = 'waypoint-local-anon-key';

// supabase-js builds a realtime client eagerly, and Node 20 has no global WebSocket.
const webSocketTransport =
  typeof globalThis.WebSocket === 'undefined' ? (await import('ws')).default : undefined;

/**
 * Sign-up and sign-in built on supabase-js, which works unchanged against local auth. The
 * returned `accessToken` getter plugs into `createWaypointClient` and refreshes when needed.
 */
export function createWaypointAuth(options: WaypointAuthOptions) {
  const supabase: SupabaseClient = createClient(options.url, options.anonKey ?? LOCAL_ANON_KEY, {
    auth: {
      persistSession: options.persistSession ?? false,
      autoRefreshToken: true,
      detectSessionInUrl: false,
    },
    // ws and the DOM WebSocket differ only in event typings.
    realtime: webSocketTransport ? { transport: webSocketTransport as never } : undefined,
  });
  return {
    supabase,
    async signUp(email: string, password: string, displayName?: string): Promise<Session> {
      const { data, error } = await supabase.auth.signUp({
        email,
        password,
        options: displayName ? { data: { display_name: displayName } } : undefined,
      });
      if (error) throw error;
      if (!data.session) throw new Error('Sign-up needs email confirmation before signing in');
      return data.session;
    },
    async signIn(email: string, password: string): Promise<Session> {
      const { data, error } = await supabase.auth.signInWithPassword({ email, password });
      if (error) throw error;
      return data.session;
    },
    async signOut(): Promise<void> {
      const { error } = await supabase.auth.signOut();
      if (error) throw error;
    },
    /** The current access token, refreshed by supabase-js when it is about to expire. */
    async accessToken(): Promise<string | undefined> {
      const { data } = await supabase.auth.getSession();
      return data.session?.access_token;
    },
  };
}

export type WaypointAuth = ReturnType<typeof createWaypointAuth>;
