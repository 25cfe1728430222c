import type { LocalAuth } from '@waypoint/auth';
import type { FastifyInstance } from 'fastify';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Mounts the local, Supabase-compatible auth server at `/auth/v1`. Credential endpoints are rate
 * limited per client address so passwords cannot be guessed at speed.
 */
export function registerLocalAuthRoutes(
  app: FastifyInstance,
  auth: () => LocalAuth,
  options: { perMinute: number },
) {
  const limiter = new RateLimiterMemory({ points: options.perMinute, duration: 60 });
  const limited = new Set(['/signup', '/token']);

  // supabase-js posts `/logout` with a JSON content type and no body; GoTrue accepts that.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(Object.assign(new Error('Body is not valid JSON'), { statusCode: 400 }), undefined);
    }
  });

  app.route({
    method: ['GET', 'POST', 'PUT'],
    url: '/auth/v1/*',
    handler: async (request, reply) => {
      const path = `/${(request.params as { '*': string })['*']}`;
      if (limited.has(path)) {
        try {
          await limiter.consume(request.ip);
        } catch (error) {
          if (!(error instanceof RateLimiterRes)) throw error;
          const retryAfter = Math.ceil(error.msBeforeNext / 1000);
          return reply
            .code(429)
            .header('retry-after', String(retryAfter))
            .header('x-supabase-api-version', '2024-01-01')
            .send({
              code: 'over_request_rate_limit',
              error_code: 'over_request_rate_limit',
              msg: `Too many requests; try again in ${retryAfter} s`,
            });
        }
      }
      const response = await auth().handle({
        method: request.method,
        path,
        query: request.query as Record<string, string | undefined>,
        headers: request.headers as Record<string, string | undefined>,
        body: request.body,
      });
      reply.code(response.status).headers(response.headers);
      return response.body === undefined ? reply.send() : reply.send(response.body);
    },
  });
}
