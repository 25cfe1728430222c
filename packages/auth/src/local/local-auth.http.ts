import { AuthApiError } from './auth-api-error.ts';
import type { LocalAuthService, LogoutScope } from './local-auth.service.ts';
import type { SigningKey } from './signing-key.ts';

/** A request as any HTTP framework can hand it over; the path is relative to `/auth/v1`. */
export interface AuthHttpRequest {
  method: string;
  path: string;
  query: Record<string, string | undefined>;
  headers: Record<string, string | undefined>;
  body: unknown;
}

export interface AuthHttpResponse {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

// supabase-js reads error codes from `code` when the response declares this API version.
const API_VERSION = { 'x-supabase-api-version': '2024-01-01' };

/** Routes GoTrue's endpoints to the service and renders its JSON shapes and errors. */
export function createLocalAuthHandler(deps: {
  service: LocalAuthService;
  key: SigningKey;
  anonKey?: string;
}) {
  return async (request: AuthHttpRequest): Promise<AuthHttpResponse> => {
    try {
      if (request.path === '/.well-known/jwks.json' && request.method === 'GET') {
        return ok(200, deps.key.jwks, { 'cache-control': 'public, max-age=600' });
      }
      if (deps.anonKey !== undefined && request.headers.apikey !== deps.anonKey) {
        throw new AuthApiError(401, 'invalid_api_key', 'Invalid API key');
      }
      return await route(deps.service, request);
    } catch (error) {
      if (!(error instanceof AuthApiError)) throw error;
      return {
        status: error.status,
        headers: { ...API_VERSION, 'content-type': 'application/json' },
        body: { code: error.code, error_code: error.code, msg: error.message, ...error.extra },
      };
    }
  };
}

async function route(
  service: LocalAuthService,
  request: AuthHttpRequest,
): Promise<AuthHttpResponse> {
  const body = isRecord(request.body) ? request.body : {};
  const userAgent = request.headers['user-agent'];
  const bearer = bearerToken(request.headers.authorization);
  const key = `${request.method} ${request.path}`;
  switch (key) {
    case 'POST /signup':
      return ok(200, await service.signUp(body, userAgent));
    case 'POST /token': {
      const grant = request.query.grant_type;
      if (grant === 'password') return ok(200, await service.passwordGrant(body, userAgent));
      if (grant === 'refresh_token') return ok(200, await service.refreshGrant(body));
      throw new AuthApiError(
        400,
        'unsupported_grant_type',
        `Unsupported grant type: ${grant ?? ''}`,
      );
    }
    case 'GET /user':
      return ok(200, await service.user(bearer));
    case 'POST /logout': {
      await service.logout(bearer, logoutScope(request.query.scope));
      return { status: 204, headers: API_VERSION };
    }
    case 'GET /health':
      return ok(200, { name: 'waypoint-local-auth', description: 'Supabase-compatible auth' });
    default:
      throw new AuthApiError(404, 'not_found', 'Not found');
  }
}

function logoutScope(value: string | undefined): LogoutScope {
  if (value === 'local' || value === 'others') return value;
  return 'global';
}

function ok(status: number, body: unknown, headers: Record<string, string> = {}): AuthHttpResponse {
  return {
    status,
    headers: { ...API_VERSION, 'content-type': 'application/json', ...headers },
    body,
  };
}

function bearerToken(header: string | undefined): string | undefined {
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header.trim()) : null;
  return match?.[1];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
