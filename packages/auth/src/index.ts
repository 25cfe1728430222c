export { type AccessTokenVerifier, AuthTokenError, type Principal } from './principal.ts';
