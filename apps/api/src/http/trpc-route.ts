import type { AnyTRPCRouter } from '@trpc/server';
import { incomingMessageToRequest } from '@trpc/server/adapters/node-http';
import { type HTTPErrorHandler, resolveResponse, type TRPCRequestInfo } from '@trpc/server/http';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface TrpcRouteOptions<TRouter extends AnyTRPCRouter> {
  router: TRouter;
  prefix: string;
  maxBatchSize: number;
  createContext(request: FastifyRequest, info: TRPCRequestInfo): Promise<unknown>;
  onError: HTTPErrorHandler<TRouter, Request>;
}

/**
 * tRPC on Fastify. tRPC's own Fastify plugin hands Fastify a Fetch `Response` to pipe, so even a
 * small JSON answer goes out as a chunked web stream; measured (bench/api-overhead), that cost
 * more than the procedure. Here plain JSON answers are sent whole with a content length, and only
 * real streams (batch streaming, SSE subscriptions) are piped.
 */
export function registerTrpcRoute<TRouter extends AnyTRPCRouter>(
  app: FastifyInstance,
  options: TrpcRouteOptions<TRouter>,
) {
  app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'string' },
      (_request, body, done) => {
        done(null, body);
      },
    );
    scope.all(`${options.prefix}/:path`, async (request, reply) => {
      const raw = request.raw as typeof request.raw & { body?: unknown };
      if (request.body !== undefined) raw.body = request.body;
      const response = await resolveResponse({
        router: options.router,
        req: incomingMessageToRequest(raw, reply.raw, { maxBodySize: null }),
        path: (request.params as { path: string }).path,
        maxBatchSize: options.maxBatchSize,
        error: null,
        createContext: ({ info }) => options.createContext(request, info) as never,
        onError: options.onError,
      });
      // Batch streaming (JSON lines, marked chunked by tRPC) and SSE stay streams.
      const type = response.headers.get('content-type') ?? '';
      const streamed =
        response.headers.has('transfer-encoding') || !type.startsWith('application/json');
      if (streamed) return reply.send(response);
      reply.code(response.status);
      for (const [name, value] of response.headers) reply.header(name, value);
      return reply.send(await response.text());
    });
  });
}
