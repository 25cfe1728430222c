'use client';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { authErrorMessage } from '@/lib/auth-errors';
import { supabaseBrowser } from '@/lib/supabase-browser';
import { usePublicConfig } from './config-context';

type Mode = 'sign-in' | 'sign-up';

export function AuthForm({ mode }: { mode: Mode }) {
  const config = usePublicConfig();
  const router = useRouter();
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const displayName = String(form.get('displayName') ?? '').trim();
    setPending(true);
    setError(null);
    const auth = supabaseBrowser(config.supabaseUrl, config.anonKey).auth;
    const { error: failure } =
      mode === 'sign-up'
        ? await auth.signUp({
            email,
            password,
            options: { data: displayName ? { display_name: displayName } : {} },
          })
        : await auth.signInWithPassword({ email, password });
    setPending(false);
    if (failure) {
      setError(authErrorMessage(failure));
      return;
    }
    const next = params.get('next');
    router.replace(next?.startsWith('/') ? next : '/');
    router.refresh();
  }

  const isSignUp = mode === 'sign-up';
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-2xl border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-sm font-semibold tracking-wide text-brand-600">Waypoint</p>
        <h1 className="mt-1 text-2xl font-semibold">
          {isSignUp ? 'Create your account' : 'Welcome back'}
        </h1>
        <form className="mt-6 space-y-4" onSubmit={onSubmit} noValidate>
          {isSignUp && (
            <Field label="Your name" name="displayName" autoComplete="name" required={false} />
          )}
          <Field label="Email" name="email" type="email" autoComplete="email" />
          <Field
            label="Password"
            name="password"
            type="password"
            autoComplete={isSignUp ? 'new-password' : 'current-password'}
            hint={isSignUp ? 'At least 8 characters.' : undefined}
          />
          {error && (
            <p
              role="alert"
              data-testid="auth-error"
              className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700"
            >
              {error}
            </p>
          )}
          <button
            type="submit"
            disabled={pending}
            className="w-full rounded-lg bg-brand-600 px-4 py-2.5 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
          >
            {pending ? 'One moment…' : isSignUp ? 'Sign up' : 'Sign in'}
          </button>
        </form>
        <p className="mt-6 text-sm text-slate-600">
          {isSignUp ? 'Already have an account? ' : 'New to Waypoint? '}
          <Link
            className="font-medium text-brand-600 underline"
            href={isSignUp ? '/sign-in' : '/sign-up'}
          >
            {isSignUp ? 'Sign in' : 'Create an account'}
          </Link>
        </p>
      </div>
    </main>
  );
}

function Field(props: {
  label: string;
  name: string;
  type?: string;
  autoComplete?: string;
  hint?: string | undefined;
  required?: boolean;
}) {
  const id = `field-${props.name}`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {props.label}
      </label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        autoComplete={props.autoComplete}
        required={props.required ?? true}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        className="mt-1 w-full rounded-lg border border-slate-300 px-3 py-2 focus:border-brand-600"
      />
      {props.hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {props.hint}
        </p>
      )}
    </div>
  );
}
