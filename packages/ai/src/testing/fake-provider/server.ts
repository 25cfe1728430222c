import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anthropicProtocol } from './anthropic-protocol.ts';
import { openaiProtocol } from './openai-protocol.ts';
import { DEFAULT_CHUNKS, type FakeScenario, type RecordedRequest } from './scenario.ts';

export interface FakeProvider {
  /** Base URL for OpenAI-style clients (`.../v1`). */
  openaiBaseUrl: string;
  /** Base URL for Anthropic clients (`.../v1`). */
  anthropicBaseUrl: string;
  /** Scenarios for the next requests, consumed in order per model; then the default applies. */
  enqueue(model: string, ...scenarios: FakeScenario[]): void;
  setDefault(scenario: FakeScenario): void;
  /** Decides per request (after the queue): e.g. fail only requests that offer tools. */
  setResponder(
    responder: ((body: Record<string, unknown>) => FakeScenario | undefined) | undefined,
  ): void;
  requests: RecordedRequest[];
  requestsFor(model: string): RecordedRequest[];
  reset(): void;
  close(): Promise<void>;
}

/**
 * A real HTTP server speaking OpenAI's chat-completions and Anthropic's messages protocols,
 * streaming and not, with faults on demand: error statuses (with Retry-After), slow first
 * bytes, stalls, drops mid-stream, malformed chunks and slow trickles. It records every request.
 */
export async function startFakeProvider(): Promise<FakeProvider> {
  const queues = new Map<string, FakeScenario[]>();
  let fallback: FakeScenario = {};
  let responder: ((body: Record<string, unknown>) => FakeScenario | undefined) | undefined;
  const requests: RecordedRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const body = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
    const path = req.url ?? '/';
    const protocol = path.includes('/messages') ? 'anthropic' : 'openai';
    const model = String(body.model ?? 'unknown');
    const record: RecordedRequest = {
      protocol,
      path,
      headers: req.headers,
      body,
      closedEarly: false,
      receivedAt: performance.now(),
    };
    requests.push(record);
    res.on('close', () => {
      if (!res.writableFinished) record.closedEarly = true;
    });
    const scenario = queues.get(model)?.shift() ?? responder?.(body) ?? fallback;
    if (scenario.firstByteDelayMs) await sleep(scenario.firstByteDelayMs);
    if (res.destroyed) return;

    const wire = protocol === 'anthropic' ? anthropicProtocol : openaiProtocol;
    if (scenario.status && scenario.status >= 400) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (scenario.retryAfterSeconds !== undefined) {
        headers['retry-after'] = String(scenario.retryAfterSeconds);
      }
      res.writeHead(scenario.status, headers).end(JSON.stringify(wire.error(scenario.status)));
      return;
    }
    const chunks = scenario.chunks ?? DEFAULT_CHUNKS;
    if (body.stream !== true) {
      const text = chunks.join('');
      const payload =
        protocol === 'anthropic'
          ? {
              id: 'msg_fake',
              type: 'message',
              role: 'assistant',
              model,
              content: [{ type: 'text', text }],
              stop_reason: 'end_turn',
              usage: {
                input_tokens: scenario.usage?.inputTokens ?? 12,
                output_tokens: scenario.usage?.outputTokens ?? 5,
              },
            }
          : openaiProtocol.completion(model, scenario, text);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
      return;
    }

    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const frame of wire.start(model, scenario)) res.write(frame);
    for (let i = 0; i < chunks.length; i++) {
      if (scenario.stallAfter === i) return; // keep the socket open, send nothing more
      if (scenario.dropAfter === i) {
        // Let what was written reach the client first: a drop loses the rest, not the start.
        await sleep(30);
        res.socket?.destroy();
        return;
      }
      if (scenario.malformedAfter === i) {
        res.end(wire.malformed());
        return;
      }
      if (i > 0 && scenario.chunkDelayMs) await sleep(scenario.chunkDelayMs);
      if (res.destroyed) return;
      res.write(wire.textChunk(model, chunks[i] as string));
    }
    if (protocol === 'openai' && scenario.toolCalls?.length) {
      for (const frame of openaiProtocol.toolCalls(model, scenario.toolCalls)) res.write(frame);
    }
    for (const frame of wire.finish(model, scenario)) res.write(frame);
    res.end();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}/v1`;
  return {
    openaiBaseUrl: base,
    anthropicBaseUrl: base,
    enqueue(model, ...scenarios) {
      queues.set(model, [...(queues.get(model) ?? []), ...scenarios]);
    },
    setDefault(scenario) {
      fallback = scenario;
    },
    setResponder(next) {
      responder = next;
    },
    requests,
    requestsFor: (model) => requests.filter((request) => request.body.model === model),
    reset() {
      queues.clear();
      fallback = {};
      responder = undefined;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
