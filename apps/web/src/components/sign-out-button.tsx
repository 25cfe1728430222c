'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { supabaseBrowser } from '@/lib/supabase-browser';
import { usePublicConfig } from './config-context';

export function SignOutButton() {
  const config = usePublicConfig();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        // Even if the server cannot be reached, the local session is cleared.
        await supabaseBrowser(config.supabaseUrl, config.anonKey).auth.signOut({ scope: 'local' });
        queryClient.clear();
        router.replace('/sign-in');
        router.refresh();
      }}
      className="rounded-lg px-3 py-2 text-sm font-medium text-slate-600 hover:bg-slate-100"
    >
      {pending ? 'Signing out…' : 'Sign out'}
    </button>
  );
}
