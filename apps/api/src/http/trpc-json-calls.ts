import {
  type AnyTRPCProcedure,
  type AnyTRPCRouter,
  getErrorShape,
  getTRPCErrorFromUnknown,
  TRPCError,
} from '@trpc/server';
import { getHTTPStatusCode, type HTTPErrorHandler, type TRPCRequestInfo } from '@trpc/server/http';
import { callProcedure } from './call-procedure.ts';

/**
 * tRPC's plain JSON calls — a query by GET or a mutation by POST, batched or not, answered as one
 * JSON document — resolved without the Fetch `Request`/`Response` that tRPC's `resolveResponse`
 * builds for every call (with five `AbortSignal`s and a web-stream body). Measured in
 * bench/api-overhead, that machinery cost more CPU than the procedure behind a 20-row query.
 *
 * Same wire protocol, same procedures, same error formatter, same status codes: only the calls
 * this resolver fully understands are taken (`plainJsonCalls`); everything else — subscriptions,
 * streamed batches (`trpc-accept: application/jsonl`), form data, unknown paths, a method that
 * does not match the procedure, an oversized batch — goes to `resolveResponse`, so tRPC's own
 * code answers every unusual request. `trpc-json-calls.int.test.ts` compares both answers.
 */

export interface JsonCallRequest {
  method: string;
  /** The procedure path(s) from the URL, still URL-encoded; comma-separated in a batch. */
  path: string;
  /** The raw query string (without `?`). */
  search: string;
  contentType: string | undefined;
  accept: string | undefined;
  trpcAccept: string | undefined;
}

export interface PlainJsonCalls {
  isBatchCall: boolean;
  type: 'query' | 'mutation';
  paths: string[];
  procedures: AnyTRPCProcedure[];
  params: URLSearchParams;
}

const METHOD_OF = { query: 'GET', mutation: 'POST' } as const;

/** The calls of a request that are plain JSON calls, or undefined for tRPC's own resolver. */
export function plainJsonCalls(
  router: AnyTRPCRouter,
  request: JsonCallRequest,
  maxBatchSize: number,
): PlainJsonCalls | undefined {
  if (request.trpcAccept !== undefined || request.accept?.includes('application/jsonl')) return;
  const mediaType = request.contentType?.split(';', 1)[0]?.trim().toLowerCase();
  if (request.method === 'GET') {
    if (mediaType !== undefined && mediaType !== 'application/json') return;
  } else if (request.method !== 'POST' || mediaType !== 'application/json') return;
  const params = new URLSearchParams(request.search);
  if (params.has('connectionParams')) return;
  let decoded: string;
  try {
    decoded = decodeURIComponent(request.path);
  } catch {
    return;
  }
  const isBatchCall = params.get('batch') === '1';
  const paths = isBatchCall ? decoded.split(',') : [decoded];
  if (paths.length > maxBatchSize) return;
  const table = router._def.procedures as Record<string, AnyTRPCProcedure | undefined>;
  const procedures: AnyTRPCProcedure[] = [];
  let type: PlainJsonCalls['type'] | undefined;
  for (const path of paths) {
    const procedure = Object.hasOwn(table, path) ? table[path] : undefined;
    const procedureType = procedure?._def.type;
    if (!procedure || (procedureType !== 'query' && procedureType !== 'mutation')) return;
    if (type !== undefined && procedureType !== type) return;
    type = procedureType;
    procedures.push(procedure);
  }
  if (!type || METHOD_OF[type] !== request.method) return;
  return { isBatchCall, type, paths, procedures, params };
}

export interface JsonCallAnswer {
  status: number;
  body: string;
}

/** What resolving calls of a router needs, whichever way they are answered. */
export interface TrpcCallOptions<TRouter extends AnyTRPCRouter> {
  router: TRouter;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
  createContext(info: TRPCRequestInfo): Promise<unknown>;
  onError: HTTPErrorHandler<TRouter, unknown>;
}

export interface ResolveJsonCallsOptions<TRouter extends AnyTRPCRouter>
  extends TrpcCallOptions<TRouter> {
  calls: PlainJsonCalls;
  body: string | undefined;
}

/** Runs the calls and answers as `resolveResponse` would, as one JSON document. */
export async function resolveJsonCalls<TRouter extends AnyTRPCRouter>(
  options: ResolveJsonCallsOptions<TRouter>,
): Promise<JsonCallAnswer> {
  const { router, calls, signal } = options;
  const config = router._def._config;
  const inputs = lazyInputs(router, { ...calls, inQuery: calls.type === 'query' }, options.body);
  const info: TRPCRequestInfo = {
    accept: null,
    type: calls.type,
    isBatchCall: calls.isBatchCall,
    calls: calls.paths.map((path, index) => ({
      path,
      batchIndex: index,
      procedure: calls.procedures[index] ?? null,
      getRawInput: async () => (await inputs.read())[index],
      result: () => inputs.result()?.[index],
    })),
    connectionParams: null,
    signal,
    url: null,
  };

  let ctx: unknown;
  let contextError: TRPCError | undefined;
  try {
    ctx = await options.createContext(info);
  } catch (cause) {
    contextError = getTRPCErrorFromUnknown(cause);
  }

  // As tRPC shapes and reports an error: with the call's path and input where there is a call.
  const shape = (error: TRPCError, path: string | undefined, input: unknown) => ({
    error: getErrorShape({ config, ctx, error, input, path, type: calls.type }),
  });
  const report = (error: TRPCError, path: string | undefined, input: unknown) =>
    options.onError({ error, path, input, ctx: ctx as never, type: calls.type, req: undefined });
  const inputOf = (index: number) => inputs.result()?.[index];

  const results = await Promise.all(
    info.calls.map(async (call, index): Promise<CallResult> => {
      try {
        if (contextError) throw contextError;
        const data: unknown = await callProcedure(calls.procedures[index] as AnyTRPCProcedure, {
          path: call.path,
          getRawInput: call.getRawInput,
          ctx,
          type: calls.type,
          signal,
          batchIndex: index,
        });
        return { ok: true, data };
      } catch (cause) {
        const error = getTRPCErrorFromUnknown(cause);
        report(error, call.path, inputOf(index));
        return { ok: false, error };
      }
    }),
  );

  if (!calls.isBatchCall) {
    const result = results[0] as CallResult;
    if (!result.ok) return answer(config, shape(result.error, calls.paths[0], inputOf(0)));
    if (!isDataStream(result.data)) return answer(config, { result: { data: result.data } });
    // tRPC refuses this outside the call: no path, no input.
    const error = streamLikeError();
    report(error, undefined, undefined);
    return answer(config, shape(error, undefined, undefined));
  }
  return answer(
    config,
    results.map((result, index) => {
      if (!result.ok) return shape(result.error, calls.paths[index], inputOf(index));
      if (isDataStream(result.data))
        return shape(streamLikeError(), calls.paths[index], inputOf(index));
      return { result: { data: result.data } };
    }),
  );
}

type CallResult = { ok: true; data: unknown } | { ok: false; error: TRPCError };

const streamLikeError = () =>
  new TRPCError({
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Cannot use stream-like response in non-streaming request - use httpBatchStreamLink',
  });

/** One call's response, or a batch's array of them, with tRPC's status (207 for mixed). */
function answer(config: AnyTRPCRouter['_def']['_config'], body: ResponseItem | ResponseItem[]) {
  const serialize = config.transformer.output.serialize;
  // tRPC's `transformTRPCResponse`, for the two item shapes built here: tRPC's copies each item
  // twice with Babel's `_objectSpread2`, a visible share of a trivial call's CPU.
  const wire = (item: ResponseItem) =>
    'error' in item
      ? { error: serialize(item.error) }
      : { result: { data: serialize(item.result.data) } };
  return {
    status: getHTTPStatusCode(body as never),
    body: JSON.stringify(Array.isArray(body) ? body.map(wire) : wire(body)),
  } satisfies JsonCallAnswer;
}

type ResponseItem = { error: unknown } | { result: { data: unknown } };

/** Where a request's inputs are: the calls, and whether they come in the query string. */
export interface CallInputs {
  isBatchCall: boolean;
  paths: string[];
  params: URLSearchParams;
  /** Queries and subscriptions (GET) carry `?input=`; mutations a JSON body. */
  inQuery: boolean;
}

/** The inputs, parsed and deserialized on first read; parse errors are the caller's (400). */
export function lazyInputs(router: AnyTRPCRouter, calls: CallInputs, body: string | undefined) {
  const { deserialize } = router._def._config.transformer.input;
  let parsed: Record<number, unknown> | undefined;
  let pending: Promise<Record<number, unknown>> | undefined;
  const parse = (): Record<number, unknown> => {
    let raw: unknown;
    if (calls.inQuery) {
      const query = calls.params.get('input');
      if (query) raw = JSON.parse(query);
    } else raw = JSON.parse(body ?? '');
    const result: Record<number, unknown> = Object.create(null);
    if (raw === undefined) return result;
    if (!calls.isBatchCall) {
      result[0] = deserialize(raw);
      return result;
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: '"input" needs to be an object when doing a batch call',
      });
    for (const index of calls.paths.keys()) {
      const input = (raw as Record<number, unknown>)[index];
      if (input !== undefined) result[index] = deserialize(input);
    }
    return result;
  };
  return {
    read(): Promise<Record<number, unknown>> {
      pending ??= Promise.resolve()
        .then(parse)
        .then(
          (value) => {
            parsed = value;
            return value;
          },
          (cause: unknown) => {
            if (cause instanceof TRPCError) throw cause;
            throw new TRPCError({
              code: 'BAD_REQUEST',
              message: cause instanceof Error ? cause.message : 'Invalid input',
              cause,
            });
          },
        );
      return pending;
    },
    result: () => parsed,
  };
}

export const isObject = (value: unknown): value is Record<PropertyKey, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** tRPC refuses async iterables and objects holding promises in a non-streaming answer. */
function isDataStream(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (Symbol.asyncIterator in value) return true;
  return Object.values(value).some(
    (v) => isObject(v) && (typeof v.then === 'function' || Symbol.asyncIterator in v),
  );
}
