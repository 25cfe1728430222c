import { getTestDatabase, resetTestDatabase } from '@waypoint/db/testing';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { loadAuthEnv } from '../env.ts';
import { createLocalAuth, type LocalAuth } from './local-auth.ts';

const handle = await getTestDatabase();
let clock = new Date('2026-11-24T09:00:00Z');
let auth: LocalAuth;

beforeEach(async () => {
  await resetTestDatabase(handle);
  clock = new Date('2026-11-24T09:00:00Z');
  auth = await createLocalAuth({
    db: handle.db,
    publicUrl: 'http://127.0.0.1:4000',
    env: loadAuthEnv({}),
    now: () => clock,
  });
});
afterAll(() => resetTestDatabase(handle));

const post = (path: string, body: unknown, query: Record<string, string> = {}, token?: string) =>
  auth.handle({
    method: 'POST',
    path,
    query,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body,
  });

type Session = { access_token: string; refresh_token: string; user: { id: string; email: string } };

async function signUp(email = 'ada@example.com', password = 'correct horse battery') {
  const res = await post('/signup', { email, password, data: { display_name: 'Ada' } });
  expect(res.status).toBe(200);
  return res.body as Session;
}

describe('local auth', () => {
  it('signs up with a session, and refuses a duplicate, a weak password and a bad email', async () => {
    const session = await signUp();
    expect(session.user.email).toBe('ada@example.com');
    const principal = await auth.verifier.verify(session.access_token);
    expect(principal.userId).toBe(session.user.id);

    const dup = await post('/signup', { email: 'ADA@example.com', password: 'another password' });
    expect(dup).toMatchObject({ status: 422, body: { code: 'user_already_exists' } });
    const weak = await post('/signup', { email: 'bob@example.com', password: 'short' });
    expect(weak).toMatchObject({ status: 422, body: { code: 'weak_password' } });
    expect(weak.body).toMatchObject({ weak_password: { reasons: ['length'] } });
    const bad = await post('/signup', { email: 'not-an-email', password: 'long enough pw' });
    expect(bad).toMatchObject({ status: 400, body: { code: 'email_address_invalid' } });
  });

  it('signs in with the password and refuses a wrong one or an unknown email alike', async () => {
    await signUp();
    const ok = await post(
      '/token',
      { email: 'ada@example.com', password: 'correct horse battery' },
      { grant_type: 'password' },
    );
    expect(ok.status).toBe(200);
    for (const body of [
      { email: 'ada@example.com', password: 'wrong password' },
      { email: 'nobody@example.com', password: 'correct horse battery' },
    ]) {
      const res = await post('/token', body, { grant_type: 'password' });
      expect(res).toMatchObject({
        status: 400,
        body: { code: 'invalid_credentials', msg: 'Invalid login credentials' },
      });
    }
  });

  it('rotates refresh tokens; a reuse within the interval gets a sibling, later it revokes the session', async () => {
    const first = await signUp();
    const refresh = (token: string) =>
      post('/token', { refresh_token: token }, { grant_type: 'refresh_token' });

    const second = await refresh(first.refresh_token);
    expect(second.status).toBe(200);
    const secondSession = second.body as Session;
    expect(secondSession.refresh_token).not.toBe(first.refresh_token);

    clock = new Date(clock.getTime() + 3_000);
    const concurrent = await refresh(first.refresh_token);
    expect(concurrent.status).toBe(200);

    clock = new Date(clock.getTime() + 60_000);
    const replay = await refresh(first.refresh_token);
    expect(replay).toMatchObject({ status: 400, body: { code: 'refresh_token_already_used' } });
    // The whole session is gone: even the legitimate successor no longer works.
    const successor = await refresh(secondSession.refresh_token);
    expect(successor).toMatchObject({ status: 400, body: { code: 'refresh_token_not_found' } });
    const user = await auth.handle({
      method: 'GET',
      path: '/user',
      query: {},
      headers: { authorization: `Bearer ${secondSession.access_token}` },
      body: undefined,
    });
    expect(user).toMatchObject({ status: 403, body: { code: 'session_not_found' } });
  });

  it('logout revokes the session and its refresh tokens', async () => {
    const session = await signUp();
    const out = await post('/logout', undefined, { scope: 'local' }, session.access_token);
    expect(out.status).toBe(204);
    const refresh = await post(
      '/token',
      { refresh_token: session.refresh_token },
      { grant_type: 'refresh_token' },
    );
    expect(refresh).toMatchObject({ status: 400, body: { code: 'refresh_token_not_found' } });
  });

  it('requires the configured anon key when one is set, and serves the JWKS', async () => {
    const strict = await createLocalAuth({
      db: handle.db,
      publicUrl: 'http://127.0.0.1:4000',
      env: loadAuthEnv({ SUPABASE_ANON_KEY: 'the-anon-key' }),
    });
    const req = {
      method: 'POST',
      path: '/signup',
      query: {},
      body: { email: 'x@example.com', password: 'long enough pw' },
    };
    expect((await strict.handle({ ...req, headers: {} })).status).toBe(401);
    expect((await strict.handle({ ...req, headers: { apikey: 'the-anon-key' } })).status).toBe(200);
    const jwks = await strict.handle({
      method: 'GET',
      path: '/.well-known/jwks.json',
      query: {},
      headers: {},
      body: undefined,
    });
    expect(jwks.body).toMatchObject({
      keys: [{ kty: 'EC', crv: 'P-256', alg: 'ES256', kid: strict.key.kid }],
    });
    expect(JSON.stringify(jwks.body)).not.toContain('"d"');
  });
});
