import type { AnyTRPCRouter } from '@trpc/server';
import { incomingMessageToRequest } from '@trpc/server/adapters/node-http';
import { type HTTPErrorHandler, resolveResponse, type TRPCRequestInfo } from '@trpc/server/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { plainJsonCalls, resolveJsonCalls } from './trpc-json-calls.ts';
import { SSE_HEADERS, sseCall, streamSseCall } from './trpc-sse-calls.ts';

export interface TrpcRouteOptions<TRouter extends AnyTRPCRouter> {
  router: TRouter;
  prefix: string;
  maxBatchSize: number;
  createContext(request: FastifyRequest, info: TRPCRequestInfo): Promise<unknown>;
  onError: HTTPErrorHandler<TRouter, unknown>;
  /** Send every call through tRPC's `resolveResponse` (tests compare both paths). */
  fetchResolverOnly?: boolean;
}

/**
 * tRPC on Fastify. Plain JSON calls (queries, mutations, batched or not) are resolved directly
 * (`trpc-json-calls.ts`), and so are SSE subscriptions (`trpc-sse-calls.ts`); every other request
 * goes through tRPC's `resolveResponse`. tRPC's own Fastify plugin hands Fastify a Fetch
 * `Response` to pipe, so even a small JSON answer went out as a chunked web stream; here JSON
 * answers are sent whole with a content length, and SSE events are written one string each.
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
      const path = (request.params as { path: string }).path;
      const body = typeof request.body === 'string' ? request.body : undefined;
      const query = request.url.indexOf('?');
      const search = query < 0 ? '' : request.url.slice(query + 1);
      const described = {
        method: request.method,
        path,
        search,
        contentType: request.headers['content-type'],
        accept: request.headers.accept,
        trpcAccept: header(request.headers['trpc-accept']),
      };
      const calls = options.fetchResolverOnly
        ? undefined
        : plainJsonCalls(options.router, described, options.maxBatchSize);
      if (calls) {
        const answer = await resolveJsonCalls({
          router: options.router,
          calls,
          body,
          signal: abortedOnClose(reply),
          createContext: (info) => options.createContext(request, info),
          onError: options.onError,
        });
        return reply
          .code(answer.status)
          .header('vary', 'trpc-accept, accept')
          .header('content-type', 'application/json')
          .send(answer.body);
      }
      const subscription = options.fetchResolverOnly
        ? undefined
        : sseCall(options.router, described);
      if (subscription) {
        const events = await streamSseCall({
          router: options.router,
          call: subscription,
          lastEventIdHeader: header(request.headers['last-event-id']),
          signal: abortedOnClose(reply),
          createContext: (info) => options.createContext(request, info),
          onError: options.onError,
        });
        return reply.code(200).headers(SSE_HEADERS).send(events);
      }
      return sendFetchResolved(request, reply, path, options);
    });
  });
}

async function sendFetchResolved<TRouter extends AnyTRPCRouter>(
  request: FastifyRequest,
  reply: FastifyReply,
  path: string,
  options: TrpcRouteOptions<TRouter>,
) {
  const raw = request.raw as typeof request.raw & { body?: unknown };
  if (request.body !== undefined) raw.body = request.body;
  const response = await resolveResponse({
    router: options.router,
    req: incomingMessageToRequest(raw, reply.raw, { maxBodySize: null }),
    path,
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
}

/** A signal for the procedures that aborts when the client leaves before the answer is sent. */
function abortedOnClose(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
