import { Readable } from 'node:stream';
import {
  type AnyTRPCProcedure,
  type AnyTRPCRouter,
  getErrorShape,
  getTRPCErrorFromUnknown,
  isTrackedEnvelope,
  TRPCError,
} from '@trpc/server';
import { parseConnectionParamsFromString, type TRPCRequestInfo } from '@trpc/server/http';
import { isObservable, observableToAsyncIterable } from '@trpc/server/observable';
import { callProcedure } from './call-procedure.ts';
import {
  isObject,
  type JsonCallRequest,
  lazyInputs,
  type TrpcCallOptions,
} from './trpc-json-calls.ts';

/**
 * tRPC subscriptions over SSE (a GET to one subscription procedure), answered without the Fetch
 * `Response` that tRPC's `resolveResponse` streams them through. There every event passes two
 * async generators, a `ReadableStream`, a `TransformStream` that enqueues each line on its own, a
 * `TextEncoderStream` and another `ReadableStream` before Fastify reads it — and leaves as three
 * socket writes. Measured in bench/stream-overhead: most of the API's own time between a model's
 * chunk and its SSE event. Here each event is one string, written once, through a Node stream
 * whose backpressure holds the subscription as tRPC's pull-based stream does.
 *
 * The same bytes as tRPC's `sseStreamProducer`: the `connected` event with the client options,
 * tracked ids, `restore-id`, pings when the subscription is quiet, `return` at the end, and a
 * `serialized-error` event shaped by the router's error formatter when the subscription (or its
 * context, or its input) fails. Requests this does not take — batches, other content types,
 * malformed connection params, unknown paths, routers with `sse.maxDurationMs` — go to
 * `resolveResponse`; `trpc-sse-calls.test.ts` and `trpc-json-calls.int.test.ts` compare both.
 */

export interface SseCall {
  path: string;
  procedure: AnyTRPCProcedure;
  params: URLSearchParams;
  connectionParams: TRPCRequestInfo['connectionParams'];
}

/** The subscription a request asks for over SSE, or undefined for tRPC's own resolver. */
export function sseCall(router: AnyTRPCRouter, request: JsonCallRequest): SseCall | undefined {
  if (request.method !== 'GET') return;
  if (request.trpcAccept !== undefined || request.accept?.includes('application/jsonl')) return;
  const mediaType = request.contentType?.split(';', 1)[0]?.trim().toLowerCase();
  if (mediaType !== undefined && mediaType !== 'application/json') return;
  const sse = router._def._config.sse;
  if (sse?.enabled === false || sse?.maxDurationMs) return;
  const params = new URLSearchParams(request.search);
  if (params.get('batch') === '1') return;
  let path: string;
  try {
    path = decodeURIComponent(request.path);
  } catch {
    return;
  }
  const table = router._def.procedures as Record<string, AnyTRPCProcedure | undefined>;
  const procedure = Object.hasOwn(table, path) ? table[path] : undefined;
  if (procedure?._def.type !== 'subscription') return;
  let connectionParams: SseCall['connectionParams'] = null;
  const rawParams = params.get('connectionParams');
  if (rawParams) {
    try {
      connectionParams = parseConnectionParamsFromString(rawParams);
    } catch {
      return;
    }
  }
  return { path, procedure, params, connectionParams };
}

export interface StreamSseCallOptions<TRouter extends AnyTRPCRouter>
  extends TrpcCallOptions<TRouter> {
  call: SseCall;
  /** The `Last-Event-ID` header, if any. */
  lastEventIdHeader: string | undefined;
}

/** tRPC's SSE headers (`sseHeaders`, not exported) and the `vary` every tRPC answer has. */
export const SSE_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
  connection: 'keep-alive',
  vary: 'trpc-accept, accept',
} as const;

/**
 * Starts the subscription (context, input, procedure, as `resolveResponse` does before it
 * answers) and returns its events as a byte stream, 200 in every case: failures are events.
 */
export async function streamSseCall<TRouter extends AnyTRPCRouter>(
  options: StreamSseCallOptions<TRouter>,
): Promise<Readable> {
  const { router, call, signal } = options;
  const config = router._def._config;
  // As tRPC: the resume point from the header, else from the query string (EventSource polyfills).
  const lastEventId =
    options.lastEventIdHeader ??
    call.params.get('lastEventId') ??
    call.params.get('Last-Event-Id') ??
    undefined;
  const inputs = lazyInputs(
    router,
    { isBatchCall: false, paths: [call.path], params: call.params, inQuery: true },
    undefined,
  );
  const getRawInput = async () => withLastEventId((await inputs.read())[0], lastEventId);
  const info: TRPCRequestInfo = {
    accept: null,
    type: 'subscription',
    isBatchCall: false,
    calls: [
      {
        path: call.path,
        batchIndex: 0,
        procedure: call.procedure,
        getRawInput,
        result: () => inputs.result()?.[0],
      },
    ],
    connectionParams: call.connectionParams,
    signal,
    url: null,
  };

  let ctx: unknown;
  let source: AsyncIterable<unknown> | undefined;
  let failure: unknown;
  try {
    ctx = await options.createContext(info);
    const data: unknown = await callProcedure(call.procedure, {
      path: call.path,
      getRawInput,
      ctx,
      type: 'subscription',
      signal,
      batchIndex: 0,
    });
    if (isObservable(data)) source = observableToAsyncIterable(data, signal);
    else if (isAsyncIterable(data)) source = data;
    else
      failure = new TRPCError({
        code: 'INTERNAL_SERVER_ERROR',
        message: `Subscription ${call.path} did not return an observable or a AsyncGenerator`,
      });
  } catch (cause) {
    failure = cause;
  }

  const serialize = (value: unknown) => JSON.stringify(config.transformer.output.serialize(value));
  const errorEvent = (cause: unknown) => {
    const error = getTRPCErrorFromUnknown(cause);
    const input = inputs.result()?.[0];
    options.onError({
      error,
      path: call.path,
      input,
      ctx: ctx as never,
      type: 'subscription',
      req: undefined,
    });
    const shape = getErrorShape({
      config,
      ctx,
      error,
      input,
      path: call.path,
      type: 'subscription',
    });
    return event({ event: 'serialized-error', data: serialize(shape) });
  };

  const ping = config.sse?.ping;
  const pingMs = ping?.enabled ? (ping.intervalMs ?? 1000) : 0;
  async function* events(): AsyncGenerator<string> {
    yield event({ event: 'connected', data: JSON.stringify(config.sse?.client ?? {}) });
    if (!source) {
      yield errorEvent(failure);
      return;
    }
    const iterator = source[Symbol.asyncIterator]();
    let restoreId = lastEventId && !/[\0\n\r]/.test(lastEventId) ? lastEventId : null;
    let finished = false;
    try {
      // The next value is asked for before the current one is written (as tRPC does). If the
      // client leaves in between, nobody awaits it: its failure must not go unhandled.
      const ask = () => {
        const next = iterator.next();
        next.catch(() => {});
        return next;
      };
      let pending = ask();
      for (;;) {
        const result = await nextOrPing(pending, pingMs, signal);
        if (result === PING) {
          yield event({ event: 'ping', data: '' });
          continue;
        }
        if (result === ABORTED || result.done) break;
        pending = ask();
        const value = result.value;
        if (isTrackedEnvelope(value)) {
          restoreId = value[0];
          yield event({ data: serialize(value[1]), id: value[0] });
        } else if (restoreId === null) {
          yield event({ data: serialize(value) });
        } else {
          // An untracked value after tracked ones: tRPC clears the id and restores it after.
          yield event({ data: serialize(value), id: '' });
          yield event({ event: 'restore-id', data: '', id: restoreId });
        }
      }
      finished = !signal.aborted;
      if (finished) yield event({ event: 'return', data: '' });
    } catch (cause) {
      finished = true;
      if (!isAbortError(cause)) yield errorEvent(cause);
    } finally {
      // The client left (or the stream was destroyed): end the subscription.
      if (!finished) void iterator.return?.()?.catch?.(() => {});
    }
  }
  return Readable.from(events(), { objectMode: false });
}

const PING = Symbol('ping');
const ABORTED = Symbol('aborted');

/** The next value, a ping when none came for `pingMs`, or ABORTED when the client left. */
function nextOrPing<T>(
  pending: Promise<IteratorResult<T>>,
  pingMs: number,
  signal: AbortSignal,
): Promise<IteratorResult<T> | typeof PING | typeof ABORTED> {
  if (signal.aborted) return Promise.resolve(ABORTED);
  const pings = pingMs > 0 && pingMs !== Number.POSITIVE_INFINITY;
  return new Promise((resolve, reject) => {
    const settle = (outcome: () => void) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      outcome();
    };
    const onAbort = () => settle(() => resolve(ABORTED));
    const timer = pings ? setTimeout(() => settle(() => resolve(PING)), pingMs) : undefined;
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(
      (result) => settle(() => resolve(result)),
      (error: unknown) => settle(() => reject(error)),
    );
  });
}

/** One SSE event, byte for byte as tRPC writes it (each field line, then a blank line and one more). */
function event(fields: { event?: string; data: string; id?: string }): string {
  let text = '';
  if (fields.event !== undefined) text += `event: ${fields.event}\n`;
  text += `data: ${fields.data}\n`;
  if (fields.id !== undefined) text += `id: ${fields.id}\n`;
  return `${text}\n\n`;
}

/** As tRPC: a subscription's input gets the resume point the client sent. */
function withLastEventId(input: unknown, lastEventId: string | undefined): unknown {
  if (!lastEventId) return input;
  if (isObject(input)) return { ...input, lastEventId };
  return input ?? { lastEventId };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

function isAbortError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'AbortError'
  );
}
