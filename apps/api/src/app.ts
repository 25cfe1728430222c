import cors from '@fastify/cors';
import { AuthTokenError, type LocalAuth } from '@waypoint/auth';
import {
  type AppRouter,
  appRouter,
  createLogger,
  createRequestContextFactory,
  createServices,
  type Logger,
  type Services,
  STALE_STREAMING_MS,
} from '@waypoint/core';
import {
  createDatabase,
  type DatabaseHandle,
  preparesStatements,
  runMigrations,
} from '@waypoint/db';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { seedDemo } from './demo-seed.ts';
import { type ApiEnv, webOrigins } from './env.ts';
import { type AuthMode, resolveAuthMode } from './http/auth-mode.ts';
import { registerLocalAuthRoutes } from './http/local-auth.routes.ts';
import { createMetrics } from './http/metrics.ts';
import { createReadiness, type ReadinessState } from './http/readiness.ts';
import { requestIdFor } from './http/request-id.ts';
import { registerTrpcRoute } from './http/trpc-route.ts';

const LISTEN_BACKLOG = 4096;
export interface ApiServer {
  app: FastifyInstance;
  /** Base URL the server listens on, e.g. `http://127.0.0.1:4000`. */
  url: string;
  handle: DatabaseHandle;
  services: Services;
  readiness: ReadinessState;
  /** Resolves once migrations ran and auth is up (the server listens before that). */
  ready: Promise<void>;
  auth(): AuthMode;
  /** Graceful: stop accepting, drain in-flight requests and streams, flush usage, close the DB. */
  stop(): Promise<void>;
}

export interface StartApiOptions {
  env: ApiEnv;
  log?: Logger;
  /** An open database (tests share one per worker); otherwise one is opened from the env. */
  database?: DatabaseHandle;
  /** Resolve every tRPC call with tRPC's own `resolveResponse` (tests compare both paths). */
  trpcFetchResolverOnly?: boolean;
}

export async function startApi(options: StartApiOptions): Promise<ApiServer> {
  const { env } = options;
  const log = options.log ?? createLogger({ level: env.core.LOG_LEVEL, name: 'waypoint-api' });
  const ownsDatabase = !options.database;
  const handle =
    options.database ??
    (await createDatabase({
      url: env.db.DATABASE_URL,
      dataDir: env.db.DATA_DIR,
      poolMax: env.db.DB_POOL_MAX,
      prepare: preparesStatements(env.db),
    }));
  const services = createServices({
    db: handle.db,
    log,
    aiEnv: env.ai,
    offlineChunkDelayMs: env.OFFLINE_CHUNK_DELAY_MS,
    chatSendPerMinute: env.CHAT_SEND_PER_MINUTE,
    chatMaxActiveReplies: env.CHAT_MAX_ACTIVE_REPLIES,
  });
  const readiness = createReadiness(handle);
  // Informational: open breakers do not make the API unready, the chain falls back around them.
  readiness.addCheck('aiBreakers', () => {
    const states = services.ai.gateway.breakers();
    const open = states.filter((b) => b.state !== 'closed').map((b) => `${b.model}: ${b.state}`);
    return { ok: true, detail: open.length ? open.join(', ') : `${states.length} closed` };
  });
  const metrics = createMetrics(() => services.chat.load());
  let authMode: AuthMode | undefined;
  let shuttingDown = false;
  let sweep: NodeJS.Timeout | undefined;

  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    // Requests are logged once, by our onResponse hook, with their timing.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestIdFor,
    bodyLimit: env.API_BODY_LIMIT_BYTES,
    // Batched tRPC calls put every procedure name in the path.
    routerOptions: { maxParamLength: 5000 },
    forceCloseConnections: 'idle',
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    const gated = request.url.startsWith('/trpc') || request.url.startsWith('/auth/v1');
    if (gated && (shuttingDown || !authMode)) {
      return reply
        .code(503)
        .header('retry-after', '1')
        .send({ error: shuttingDown ? 'shutting down' : 'starting up' });
    }
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    request.log.debug(
      { method: request.method, url: request.url, status: reply.statusCode, ms: reply.elapsedTime },
      'request',
    );
  });

  await app.register(cors, {
    origin: webOrigins(env),
    credentials: true,
    exposedHeaders: ['x-request-id', 'x-supabase-api-version', 'retry-after'],
    maxAge: 600,
  });

  const verifier = {
    verify: (token: string) =>
      authMode ? authMode.verifier.verify(token) : Promise.reject(new AuthTokenError('missing')),
  };
  const createContext = createRequestContextFactory({ services, verifier });
  registerTrpcRoute<AppRouter>(app, {
    router: appRouter,
    prefix: '/trpc',
    maxBatchSize: env.TRPC_MAX_BATCH_SIZE,
    fetchResolverOnly: options.trpcFetchResolverOnly,
    createContext: (req, info) =>
      createContext({
        // EventSource cannot send headers: SSE clients pass the token as a connection param.
        authorization:
          req.headers.authorization ?? connectionParam(info.connectionParams, 'authorization'),
        requestId: req.id,
        log: req.log as Logger,
      }),
    onError: ({ error, path, ctx }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        (ctx?.log ?? log).error({ err: error.cause ?? error, path }, 'procedure failed');
      }
    },
  });

  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/ready', async (_request, reply) => {
    const result = await readiness.check();
    const ready = result.ready && authMode !== undefined && !shuttingDown;
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', ...result });
  });
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  let localAuthMounted = false;
  if (!env.auth.SUPABASE_URL) {
    localAuthMounted = true;
    app.register(async (scope) => {
      registerLocalAuthRoutes(scope, () => localAuthOf(authMode), {
        perMinute: env.AUTH_RATE_LIMIT_PER_MINUTE,
      });
    });
  }

  // Node's default accept queue (511) overflows when a crowd connects at once (2000 clients
  // sending in the same instant, bench/stream-concurrency): the kernel drops the handshakes it
  // cannot queue and the clients see their connections reset. The kernel caps this at
  // net.core.somaxconn (4096 on current Linux).
  await app.listen({ port: env.API_PORT, host: env.API_HOST, backlog: LISTEN_BACKLOG });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : env.API_PORT;
  const url = `http://${env.API_HOST === '0.0.0.0' ? '127.0.0.1' : env.API_HOST}:${port}`;

  const ready = (async () => {
    try {
      await runMigrations(handle);
      readiness.markMigrated();
    } catch (error) {
      readiness.markMigrationFailed('migrations failed; see the log');
      log.fatal({ err: error }, 'migrations failed');
      throw error;
    }
    // Replies a crash left `streaming` become `interrupted` (regenerable); the sweep repeats so
    // that replies orphaned by another instance's death are found too.
    await services.chat.recoverInterrupted();
    sweep = setInterval(() => {
      services.chat
        .recoverInterrupted()
        .catch((error: unknown) => log.warn({ err: error }, 'sweep failed'));
    }, STALE_STREAMING_MS / 2);
    sweep.unref();
    const dataDir = env.db.DATABASE_URL || !ownsDatabase ? undefined : env.db.DATA_DIR;
    const mode = await resolveAuthMode(env, handle.db, env.API_URL ?? url, dataDir);
    if (env.SEED_DEMO && mode.kind === 'local')
      await seedDemo({ local: mode.local, services, log });
    authMode = mode;
    log.info({ url, auth: mode.kind, localAuth: localAuthMounted, db: handle.kind }, 'API ready');
  })();
  ready.catch(() => {});

  return {
    app,
    url,
    handle,
    services,
    readiness,
    ready,
    auth: () => {
      if (!authMode) throw new Error('API is not ready yet');
      return authMode;
    },
    async stop() {
      if (shuttingDown) return;
      shuttingDown = true;
      clearInterval(sweep);
      metrics.close();
      const force = setTimeout(() => app.server.closeAllConnections(), env.SHUTDOWN_GRACE_MS);
      try {
        // Running replies are stopped and saved (partial text kept), which also ends their streams.
        await services.chat.stopAll();
        await app.close();
      } finally {
        clearTimeout(force);
      }
      await services.ai.usageSink.flush();
      await services.chat.close();
      if (ownsDatabase) await handle.close();
    },
  };
}

function connectionParam(
  params: Record<string, string | undefined> | null | undefined,
  name: string,
) {
  const value = params?.[name];
  return typeof value === 'string' ? value : undefined;
}

/** Auth routes are registered before listen; the local auth they serve exists once migrated. */
function localAuthOf(mode: AuthMode | undefined): LocalAuth {
  if (mode?.kind !== 'local') throw new Error('local auth is not available');
  return mode.local;
}
