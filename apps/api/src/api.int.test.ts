import { forgeTokens } from '@waypoint/auth/testing';
import { createWaypointAuth, createWaypointClient } from '@waypoint/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from './app.ts';
import { startTestApi } from './testing/test-api.ts';

let api: ApiServer;
beforeAll(async () => {
  api = await startTestApi({ AUTH_REFRESH_REUSE_INTERVAL_SECONDS: '0' });
});
afterAll(() => api.stop());

const trpcError = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as { data?: Record<string, unknown>; message: string };
  }
  throw new Error('call succeeded');
};

describe('operational endpoints', () => {
  it('answers /health and /ready with the checks it ran', async () => {
    expect((await fetch(`${api.url}/health`)).status).toBe(200);
    const ready = await fetch(`${api.url}/ready`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { checks: Record<string, { ok: boolean }> };
    expect(body.checks.migrations?.ok).toBe(true);
    expect(body.checks.database?.ok).toBe(true);
  });

  it('echoes a sane x-request-id and generates one otherwise', async () => {
    const given = await fetch(`${api.url}/health`, { headers: { 'x-request-id': 'trace-42' } });
    expect(given.headers.get('x-request-id')).toBe('trace-42');
    const hostile = await fetch(`${api.url}/health`, {
      headers: { 'x-request-id': 'a b<script>' },
    });
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves Prometheus metrics', async () => {
    const res = await fetch(`${api.url}/metrics`);
    const text = await res.text();
    expect(text).toContain('waypoint_http_request_duration_seconds');
    expect(text).toContain('waypoint_chat_replies{state="generating"} 0');
    expect(text).toContain('waypoint_chat_replies{state="waiting"} 0');
    expect(text).toMatch(/^waypoint_chat_reply_limit \d+$/m);
  });

  it('counts a blocked event loop in the cumulative delay histogram', async () => {
    // Probes slower than 100 ms so far, from one scrape.
    const over100ms = async () => {
      const lines = (await (await fetch(`${api.url}/metrics`)).text()).split('\n');
      const bucket = (le: string) =>
        Number(
          lines
            .find((l) => l.startsWith(`waypoint_event_loop_delay_seconds_bucket{le="${le}"}`))
            ?.split(' ')[1],
        );
      return bucket('+Inf') - bucket('0.1');
    };
    const before = await over100ms();
    // The API runs in this process: hold its loop for 150 ms.
    const until = performance.now() + 150;
    while (performance.now() < until) {}
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect((await over100ms()) - before).toBeGreaterThanOrEqual(1);
  });

  it('allows the web origin through CORS and not others', async () => {
    const preflight = (origin: string) =>
      fetch(`${api.url}/trpc/account.me`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization,x-request-id',
        },
      });
    const allowed = await preflight('http://127.0.0.1:3000');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3000');
    const refused = await preflight('https://evil.example.com');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('limits batch size and body size', async () => {
    const paths = Array.from({ length: 21 }, () => 'account.me').join(',');
    const batch = await fetch(`${api.url}/trpc/${paths}?batch=1&input={}`);
    expect(batch.status).toBe(400);
    const huge = await fetch(`${api.url}/trpc/account.updateProfile`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { displayName: 'x'.repeat(2_000_000) } }),
    });
    expect(huge.status).toBe(413);
  });
});

describe('supabase-js against local auth', () => {
  it('signs up, refuses a duplicate and a wrong password, signs in, refreshes, signs out', async () => {
    const auth = createWaypointAuth({ url: api.url });
    const session = await auth.signUp('grace@example.com', 'correct horse battery', 'Grace');
    expect(session.user.email).toBe('grace@example.com');

    const other = createWaypointAuth({ url: api.url });
    const duplicate = await other.supabase.auth.signUp({
      email: 'grace@example.com',
      password: 'another long password',
    });
    expect(duplicate.error).toMatchObject({ code: 'user_already_exists', status: 422 });
    const weak = await other.supabase.auth.signUp({ email: 'w@example.com', password: 'short' });
    expect(weak.error).toMatchObject({ code: 'weak_password', status: 422 });
    const wrong = await other.supabase.auth.signInWithPassword({
      email: 'grace@example.com',
      password: 'not the password',
    });
    expect(wrong.error).toMatchObject({ code: 'invalid_credentials', status: 400 });

    await auth.signOut();
    await auth.signIn('grace@example.com', 'correct horse battery');
    const user = await auth.supabase.auth.getUser();
    expect(user.data.user?.email).toBe('grace@example.com');

    const before = (await auth.supabase.auth.getSession()).data.session;
    const refreshed = await auth.supabase.auth.refreshSession();
    expect(refreshed.error).toBeNull();
    expect(refreshed.data.session?.refresh_token).not.toBe(before?.refresh_token);

    // Replaying the rotated-out token (reuse interval 0 here) revokes the whole session.
    const replay = await fetch(`${api.url}/auth/v1/token?grant_type=refresh_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', apikey: 'any' },
      body: JSON.stringify({ refresh_token: before?.refresh_token }),
    });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ code: 'refresh_token_already_used' });
    const afterReuse = await auth.supabase.auth.refreshSession();
    expect(afterReuse.error).toMatchObject({ code: 'refresh_token_not_found' });

    const again = createWaypointAuth({ url: api.url });
    await again.signIn('grace@example.com', 'correct horse battery');
    await again.signOut();
    const afterSignOut = await again.supabase.auth.getUser();
    expect(afterSignOut.data.user).toBeNull();
  });
});

describe('typed client', () => {
  it('calls procedures with the bearer token, and names the field on bad input', async () => {
    const auth = createWaypointAuth({ url: api.url });
    await auth.signUp('lin@example.com', 'correct horse battery', 'Lin');
    const client = createWaypointClient({ url: api.url, getAccessToken: auth.accessToken });
    const me = await client.account.me.query();
    expect(me).toMatchObject({ email: 'lin@example.com', displayName: 'Lin', timezone: 'UTC' });

    const [updated, goals] = await Promise.all([
      client.account.updateProfile.mutate({ timezone: 'Europe/Lisbon' }),
      client.planner.goals.list.query({}),
    ]);
    expect(updated.timezone).toBe('Europe/Lisbon');
    expect(goals).toEqual([]);

    const bad = await trpcError(client.account.updateProfile.mutate({ timezone: 'Mars/Olympus' }));
    expect(bad.data).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400 });
    expect(bad.data?.fieldErrors).toHaveProperty('timezone');
    expect((await client.account.me.query()).timezone).toBe('Europe/Lisbon');
  });

  it('refuses every forged token with UNAUTHORIZED', async () => {
    const auth = createWaypointAuth({ url: api.url });
    const session = await auth.signUp('mallory-target@example.com', 'correct horse battery');
    const mode = api.auth();
    if (mode.kind !== 'local') throw new Error('expected local auth');
    const forged = await forgeTokens(mode.local.key, mode.local.issuer, session.user.id);
    const accepted = createWaypointClient({ url: api.url, getAccessToken: () => forged.valid });
    expect((await accepted.account.me.query()).id).toBe(session.user.id);

    const attacks = { ...forged, missing: '' } as Record<string, string>;
    delete attacks.valid;
    for (const [name, token] of Object.entries(attacks)) {
      const client = createWaypointClient({ url: api.url, getAccessToken: () => token });
      const error = await trpcError(client.account.me.query());
      expect(error.data?.code, name).toBe('UNAUTHORIZED');
      expect(error.data?.httpStatus, name).toBe(401);
    }
  });
});

describe('graceful shutdown', () => {
  it('stops accepting requests and leaves a shared database open', async () => {
    const second = await startTestApi();
    await second.stop();
    await expect(fetch(`${second.url}/health`)).rejects.toThrow();
    expect((await fetch(`${api.url}/ready`)).status).toBe(200);
  });
});
