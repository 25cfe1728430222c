import { describe, expect, it } from 'vitest';
import { generateSigningKey } from './local/signing-key.ts';
import { AuthTokenError } from './principal.ts';
import { forgeTokens } from './testing/index.ts';
import { createAccessTokenVerifier } from './verifier.ts';

const issuer = 'http://127.0.0.1:4000/auth/v1';
const userId = '5b0a3f8e-9a7c-4d55-8f4e-2f8e0a6b1c9d';

async function setup(hs256Secret?: string) {
  const key = await generateSigningKey();
  const verifier = createAccessTokenVerifier({ issuer, keys: key.keySet, hs256Secret });
  return { key, verifier, tokens: await forgeTokens(key, issuer, userId) };
}

async function reasonFor(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AuthTokenError);
    return (error as AuthTokenError).reason;
  }
  throw new Error('token was accepted');
}

describe('access token verifier', () => {
  it('accepts a valid ES256 token and builds the principal from its claims', async () => {
    const { verifier, tokens } = await setup();
    const principal = await verifier.verify(tokens.valid);
    expect(principal).toMatchObject({ userId, role: 'authenticated', email: 'victim@example.com' });
    expect(principal.claims.sub).toBe(userId);
    expect(principal.isAdmin).toBe(false);
  });

  it.each([
    ['algNone', 'algorithm'],
    ['hs256WithPublicKey', 'algorithm'],
    ['expired', 'expired'],
    ['notYetValid', 'not_yet_valid'],
    ['wrongIssuer', 'issuer'],
    ['wrongAudience', 'audience'],
    ['unknownKid', 'unknown_key'],
    ['tamperedPayload', 'signature'],
  ] as const)('refuses %s (%s)', async (name, reason) => {
    const { verifier, tokens } = await setup();
    expect(await reasonFor(verifier.verify(tokens[name]))).toBe(reason);
  });

  it('refuses an HS256 token signed with the public key even when HS256 is enabled', async () => {
    const { verifier, tokens } = await setup('a-legacy-project-secret-that-is-long-enough');
    expect(await reasonFor(verifier.verify(tokens.hs256WithPublicKey))).toBe('signature');
  });

  it('accepts HS256 tokens signed with the configured legacy secret', async () => {
    const secret = 'a-legacy-project-secret-that-is-long-enough';
    const { verifier } = await setup(secret);
    const { SignJWT } = await import('jose');
    const token = await new SignJWT({ role: 'authenticated', aud: 'authenticated' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer(issuer)
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(secret));
    expect((await verifier.verify(token)).userId).toBe(userId);
  });

  it('refuses garbage and tokens without an authenticated role', async () => {
    const { verifier, key } = await setup();
    expect(await reasonFor(verifier.verify('not-a-jwt'))).toBe('malformed');
    const { SignJWT } = await import('jose');
    const anon = await new SignJWT({ role: 'anon', aud: 'authenticated' })
      .setProtectedHeader({ alg: 'ES256', kid: key.kid })
      .setSubject(userId)
      .setIssuer(issuer)
      .setExpirationTime('5m')
      .sign(key.privateKey);
    expect(await reasonFor(verifier.verify(anon))).toBe('claims');
  });
});

describe('verified token cache', () => {
  /** A verifier whose key lookups are counted: one lookup per signature actually checked. */
  async function counted(options: { cache?: false | { maxAgeMs?: number }; now?: () => Date }) {
    const key = await generateSigningKey();
    let lookups = 0;
    const keys: typeof key.keySet = (header, token) => {
      lookups++;
      return key.keySet(header, token);
    };
    const verifier = createAccessTokenVerifier({ issuer, keys, ...options });
    const { SignJWT } = await import('jose');
    const sign = (claims: { iat: number; exp: number; nbf?: number }) => {
      const jwt = new SignJWT({ role: 'authenticated', aud: 'authenticated' })
        .setProtectedHeader({ alg: 'ES256', kid: key.kid })
        .setSubject(userId)
        .setIssuer(issuer)
        .setIssuedAt(claims.iat)
        .setExpirationTime(claims.exp);
      if (claims.nbf !== undefined) jwt.setNotBefore(claims.nbf);
      return jwt.sign(key.privateKey);
    };
    return { verifier, sign, lookups: () => lookups };
  }
  const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

  it('checks a token once, also when it arrives on several calls at the same time', async () => {
    const { verifier, sign, lookups } = await counted({});
    const token = await sign({ iat: seconds(new Date()), exp: seconds(new Date()) + 600 });
    const principals = await Promise.all([1, 2, 3, 4].map(() => verifier.verify(token)));
    await verifier.verify(token);
    expect(principals.map((p) => p.userId)).toEqual([userId, userId, userId, userId]);
    expect(lookups()).toBe(1);
    // Shared between requests, so nobody may change it.
    expect(() => {
      (principals[0] as { userId: string }).userId = 'someone else';
    }).toThrow(TypeError);
    expect(Object.isFrozen(principals[0]?.claims)).toBe(true);
  });

  it('refuses a kept token once it expires, with the reason verification gives', async () => {
    let now = new Date('2026-12-02T10:00:00Z');
    const { verifier, sign } = await counted({ now: () => now });
    const token = await sign({ iat: seconds(now), exp: seconds(now) + 60 });
    expect((await verifier.verify(token)).userId).toBe(userId);
    now = new Date(now.getTime() + 30_000);
    expect((await verifier.verify(token)).userId).toBe(userId);
    now = new Date(now.getTime() + 40_000); // past exp and the 5 s tolerance
    expect(await reasonFor(verifier.verify(token))).toBe('expired');
  });

  it('keeps no refusal: a token not yet valid is accepted once its time comes', async () => {
    let now = new Date('2026-12-02T10:00:00Z');
    const { verifier, sign } = await counted({ now: () => now });
    const token = await sign({
      iat: seconds(now),
      nbf: seconds(now) + 60,
      exp: seconds(now) + 600,
    });
    expect(await reasonFor(verifier.verify(token))).toBe('not_yet_valid');
    now = new Date(now.getTime() + 61_000);
    expect((await verifier.verify(token)).userId).toBe(userId);
  });

  it('checks the signature again after maxAgeMs, and on every call without a cache', async () => {
    const kept = await counted({ cache: { maxAgeMs: 20 } });
    const token = await kept.sign({ iat: seconds(new Date()), exp: seconds(new Date()) + 600 });
    await kept.verifier.verify(token);
    await kept.verifier.verify(token);
    expect(kept.lookups()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 40));
    await kept.verifier.verify(token);
    expect(kept.lookups()).toBe(2);

    const uncached = await counted({ cache: false });
    const other = await uncached.sign({ iat: seconds(new Date()), exp: seconds(new Date()) + 600 });
    for (let i = 0; i < 3; i++) await uncached.verifier.verify(other);
    expect(uncached.lookups()).toBe(3);
  });
});
