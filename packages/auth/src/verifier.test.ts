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
