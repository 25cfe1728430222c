// The floor of a chat turn, for stream-overhead: bare node:http doing the least a gateway that
// keeps "the user's message is stored before any model is called" can do. It verifies the JWT as
// the API does; stores the message, an empty reply and the conversation's leaf in one statement
// (one round trip, one commit, on the same database with the same driver); then asks the
// provider (node:http, keep-alive) for the message alone — no history, no assistant context,
// no prompt — and answers the send; the reply's text goes out as SSE events as each chunk is
// parsed, and is saved once before `finish`. No tRPC, no AI SDK, no retries, breakers,
// checkpoints or fan-out: what is left is the hops and the commit.
//
// With BENCH_GATEWAY_ASK=ai-sdk it asks the provider the way the API must: through the AI SDK
// (`@ai-sdk/openai`'s chat model, `doStream`, Node's `fetch`) instead of node:http, and relays
// the text parts it yields. Everything else is the same, so the two side by side show what
// streaming through the AI SDK costs a gateway on this machine, before any of the API's work.
import { randomUUID } from 'node:crypto';
import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import { createOpenAI } from '@ai-sdk/openai';
import postgres from 'postgres';
import { bareVerifier, serveBare } from './bare-shared.ts';

const sql = postgres(process.env.DATABASE_URL ?? '', { max: 10, onnotice: () => {} });
const verify = bareVerifier();
const upstream = process.env.BENCH_UPSTREAM ?? '';
const agent = new Agent({ keepAlive: true });
const sdkModel =
  process.env.BENCH_GATEWAY_ASK === 'ai-sdk'
    ? createOpenAI({ apiKey: 'bench', baseURL: upstream }).chat('bench')
    : undefined;

type Reply = { userId: string; texts: string[]; done: boolean; follower?: ServerResponse };
const replies = new Map<string, Reply>();

const event = (data: unknown) => `data: ${JSON.stringify(data)}\n\n`;

async function readJson(req: IncomingMessage): Promise<Record<string, string>> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return JSON.parse(body || '{}');
}

async function send(req: IncomingMessage, res: ServerResponse, userId: string) {
  const { conversationId, text } = await readJson(req);
  const userMessageId = randomUUID();
  const replyId = randomUUID();
  const stored = await sql`
    with conv as (
      select id, active_leaf_id from conversations
      where id = ${conversationId ?? ''} and user_id = ${userId} for update
    ),
    asked as (
      insert into messages (id, conversation_id, user_id, parent_id, role, parts, status)
      select ${userMessageId}, id, ${userId}, active_leaf_id, 'user',
        ${sql.json([{ type: 'text', text: text ?? '' }])}, 'complete'
      from conv returning id, conversation_id
    ),
    reply as (
      insert into messages (id, conversation_id, user_id, parent_id, role, parts, status)
      select ${replyId}, conversation_id, ${userId}, id, 'assistant', '[]'::jsonb, 'streaming'
      from asked returning id, conversation_id
    )
    update conversations c set active_leaf_id = reply.id, updated_at = now()
    from reply where c.id = reply.conversation_id returning c.id`;
  if (stored.length === 0) {
    res.writeHead(404).end();
    return;
  }
  const reply: Reply = { userId, texts: [], done: false };
  replies.set(replyId, reply);
  if (sdkModel) {
    void askThroughSdk(sdkModel, replyId, reply, text ?? '');
    // As the API does: one turn of the loop, so the request (fetch) leaves before the answer.
    await new Promise((resolve) => setImmediate(resolve));
  } else askOverHttp(replyId, reply, text ?? '');
  res
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ userMessageId, assistantMessageId: replyId }));
}

function relay(reply: Reply, delta: string) {
  reply.texts.push(delta);
  reply.follower?.write(event({ type: 'text-delta', delta }));
}

function askOverHttp(replyId: string, reply: Reply, text: string) {
  const asking = request(
    `${upstream}/chat/completions`,
    {
      agent,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
    },
    (answer) => {
      answer.setEncoding('utf8');
      let buffer = '';
      answer.on('data', (data: string) => {
        buffer += data;
        for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!frame.startsWith('data: ') || frame === 'data: [DONE]') continue;
          const parsed = JSON.parse(frame.slice(6)) as {
            choices?: { delta?: { content?: string } }[];
          };
          const delta = parsed.choices?.[0]?.delta?.content;
          if (delta) relay(reply, delta);
        }
      });
      answer.on('end', () => void finish(replyId, reply));
    },
  );
  asking.end(
    JSON.stringify({ model: 'bench', stream: true, messages: [{ role: 'user', content: text }] }),
  );
}

/** The same ask through the AI SDK's model interface (what the API's plain-text turns call). */
async function askThroughSdk(
  model: NonNullable<typeof sdkModel>,
  replyId: string,
  reply: Reply,
  text: string,
) {
  try {
    const { stream } = await model.doStream({
      prompt: [{ role: 'user', content: [{ type: 'text', text }] }],
    });
    for await (const part of stream) if (part.type === 'text-delta') relay(reply, part.delta);
  } catch (error) {
    console.error(error);
  } finally {
    await finish(replyId, reply);
  }
}

async function finish(replyId: string, reply: Reply) {
  await sql`
    update messages set parts = ${sql.json([{ type: 'text', text: reply.texts.join('') }])},
      status = 'complete', updated_at = now()
    where id = ${replyId} and user_id = ${reply.userId}`;
  reply.done = true;
  if (reply.follower) end(replyId, reply.follower);
}

function end(replyId: string, res: ServerResponse) {
  res.end(event({ type: 'finish' }));
  replies.delete(replyId);
}

function follow(res: ServerResponse, replyId: string, userId: string) {
  const reply = replies.get(replyId);
  if (!reply || reply.userId !== userId) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const delta of reply.texts) res.write(event({ type: 'text-delta', delta }));
  if (reply.done) end(replyId, res);
  else reply.follower = res;
}

const server = createServer(async (req, res) => {
  const claims = await verify(req.headers.authorization).catch(() => undefined);
  if (!claims) {
    res.writeHead(401).end();
    return;
  }
  const url = new URL(req.url ?? '/', 'http://bare');
  try {
    if (req.method === 'POST' && url.pathname === '/send') await send(req, res, claims.sub);
    else if (url.pathname === '/stream') follow(res, url.searchParams.get('id') ?? '', claims.sub);
    else res.writeHead(404).end();
  } catch (error) {
    console.error(error);
    if (!res.headersSent) res.writeHead(500).end();
  }
});
server.keepAliveTimeout = 60_000;
serveBare(server, () => sql.end());
