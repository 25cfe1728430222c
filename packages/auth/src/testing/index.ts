import { exportSPKI, importJWK, type JWTPayload, SignJWT } from 'jose';
import { generateSigningKey, type SigningKey } from '../local/signing-key.ts';

export interface ForgedTokens {
  valid: string;
  algNone: string;
  hs256WithPublicKey: string;
  expired: string;
  notYetValid: string;
  wrongIssuer: string;
  wrongAudience: string;
  unknownKid: string;
  tamperedPayload: string;
}

/**
 * Tokens an attacker might present, each differing from a valid one in exactly one way. Used by
 * the attack suites of the verifier and of the API.
 */
export async function forgeTokens(
  key: SigningKey,
  issuer: string,
  userId: string,
): Promise<ForgedTokens> {
  const now = Math.floor(Date.now() / 1000);
  const claims: JWTPayload = {
    aud: 'authenticated',
    role: 'authenticated',
    email: 'victim@example.com',
    session_id: crypto.randomUUID(),
  };
  const sign = (
    payload: JWTPayload,
    signingKey: SigningKey = key,
    overrides: Partial<Claims> = {},
  ) =>
    new SignJWT({ ...claims, ...payload })
      .setProtectedHeader({ alg: 'ES256', kid: signingKey.kid, typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(overrides.iss ?? issuer)
      .setIssuedAt(overrides.iat ?? now)
      .setExpirationTime(overrides.exp ?? now + 600)
      .sign(signingKey.privateKey);

  const valid = await sign({});
  const [header, payload, signature] = valid.split('.') as [string, string, string];
  const stranger = await generateSigningKey();
  const publicKey = await importJWK(key.jwks.keys[0] ?? {}, 'ES256');
  const publicPem = await exportSPKI(publicKey as Parameters<typeof exportSPKI>[0]);
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString()) as JWTPayload;

  return {
    valid,
    algNone: `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`,
    hs256WithPublicKey: await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(issuer)
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(new TextEncoder().encode(publicPem)),
    expired: await sign({}, key, { iat: now - 7200, exp: now - 3600 }),
    notYetValid: await sign({ nbf: now + 3600 }),
    wrongIssuer: await sign({}, key, { iss: 'https://evil.example.com/auth/v1' }),
    wrongAudience: await sign({ aud: 'anon' }),
    // Signed by a key the server never published, under that key's own kid.
    unknownKid: await sign({}, stranger),
    tamperedPayload: `${header}.${b64({ ...decoded, sub: crypto.randomUUID(), role: 'service_role' })}.${signature}`,
  };
}

interface Claims {
  iss: string;
  iat: number;
  exp: number;
}
