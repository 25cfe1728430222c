import type { AccessTokenVerifier, Principal } from '@waypoint/auth';
import { AuthTokenError } from '@waypoint/auth';
import type { Logger } from '../logging/logger.ts';
import type { Services } from '../services.ts';

/** Everything a procedure can see. Built without an HTTP request, so tests call it directly. */
export interface Context {
  principal: Principal | null;
  requestId: string;
  log: Logger;
  services: Services;
}

export function createContextInner(context: Context): Context {
  return context;
}

export interface RequestContextInput {
  /** The `Authorization` header, or the token an SSE client sent as a connection parameter. */
  authorization: string | undefined;
  requestId: string;
  log: Logger;
}

/**
 * Builds the context for an HTTP or SSE request. A missing token yields an anonymous context;
 * a present but invalid one too — protected procedures then answer UNAUTHORIZED, and the reason
 * is logged, never sent.
 */
export function createRequestContextFactory(deps: {
  services: Services;
  verifier: AccessTokenVerifier;
}) {
  return async (input: RequestContextInput): Promise<Context> => {
    const token = bearerToken(input.authorization);
    let principal: Principal | null = null;
    if (token) {
      try {
        principal = await deps.verifier.verify(token);
      } catch (error) {
        if (!(error instanceof AuthTokenError)) throw error;
        input.log.info({ reason: error.reason }, 'access token refused');
      }
    }
    // The request's logger, not a child per user: a pino child serializes (and redacts) its
    // bindings when made, ~2% of the API's CPU on a short call in bench/api-overhead, for lines
    // most calls never write. The procedure's log lines carry the user id themselves.
    return createContextInner({
      principal,
      requestId: input.requestId,
      log: input.log,
      services: deps.services,
    });
  };
}

function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1];
}
