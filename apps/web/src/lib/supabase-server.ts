import { createServerClient } from '@supabase/ssr';
import { cookies } from 'next/headers';
import { publicConfig } from '@/env';

/** Supabase auth for server components and actions, reading the cookie session. */
export async function supabaseServer() {
  const config = publicConfig();
  const store = await cookies();
  return createServerClient(config.supabaseUrl, config.anonKey, {
    cookies: {
      getAll: () => store.getAll(),
      setAll: (all) => {
        try {
          for (const { name, value, options } of all) store.set(name, value, options);
        } catch {
          // Server components cannot set cookies; the proxy refreshes the session instead.
        }
      },
    },
  });
}
