import type { AuthUserRow } from './local-auth.repository.ts';

/** A user in GoTrue's JSON shape, as supabase-js expects it. */
export function userJson(user: AuthUserRow) {
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  return {
    id: user.id,
    aud: user.aud ?? 'authenticated',
    role: user.role ?? 'authenticated',
    email: user.email,
    email_confirmed_at: iso(user.emailConfirmedAt),
    confirmed_at: iso(user.emailConfirmedAt),
    phone: '',
    last_sign_in_at: iso(user.lastSignInAt),
    app_metadata: user.rawAppMetaData ?? { provider: 'email', providers: ['email'] },
    user_metadata: user.rawUserMetaData ?? {},
    identities: [],
    created_at: iso(user.createdAt),
    updated_at: iso(user.updatedAt),
    is_anonymous: user.isAnonymous,
  };
}

export type UserJson = ReturnType<typeof userJson>;
