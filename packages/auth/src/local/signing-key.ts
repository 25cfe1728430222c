import type { webcrypto } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';

/** The local auth server's ES256 key: signs access tokens; its public half is the JWKS. */
export interface SigningKey {
  kid: string;
  privateKey: webcrypto.CryptoKey;
  jwks: JSONWebKeySet;
  /** A jose key resolver over `jwks`, for the verifier. */
  keySet: JWTVerifyGetKey;
}

const ALG = 'ES256';

export async function generateSigningKey(): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair(ALG, { extractable: true });
  return fromPrivateJwk(await exportJWK(privateKey));
}

/**
 * Loads the key kept in `<dataDir>/auth/signing-key.jwk.json`, creating it on first start so
 * sessions survive restarts. Written with mode 0600 and renamed into place atomically.
 */
export async function loadOrCreateSigningKey(dataDir: string): Promise<SigningKey> {
  const dir = join(dataDir, 'auth');
  const file = join(dir, 'signing-key.jwk.json');
  try {
    return await fromPrivateJwk(JSON.parse(await readFile(file, 'utf8')) as JWK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey } = await generateKeyPair(ALG, { extractable: true });
  const jwk = await exportJWK(privateKey);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(jwk), { mode: 0o600 });
  await rename(tmp, file);
  return fromPrivateJwk(jwk);
}

async function fromPrivateJwk(jwk: JWK): Promise<SigningKey> {
  const { d: _private, ...publicJwk } = jwk;
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateKey = (await importJWK({ ...jwk, alg: ALG }, ALG)) as webcrypto.CryptoKey;
  const jwks: JSONWebKeySet = { keys: [{ ...publicJwk, kid, alg: ALG, use: 'sig' }] };
  return { kid, privateKey, jwks, keySet: createLocalJWKSet(jwks) };
}
