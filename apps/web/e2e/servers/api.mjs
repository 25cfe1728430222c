// The API for the Playwright suite, with the fake model provider behind it: chat replies
// trickle slowly (so tests can reload mid-stream and stop), and requests that offer tools (the
// planner agent) fail, so the chain falls back to the offline responder, which proposes.

import { startFakeProvider } from '@waypoint/ai/testing';
import { loadApiEnv, startApi } from '@waypoint/api';

const fake = await startFakeProvider();
const words = (
  'Here is a plan for your week. **First**, list what must happen. Then give each item an ' +
  'estimate, and keep a little room for the unexpected. Finally, review on Friday: what moved ' +
  'you forward, and what can wait until next week?'
).split(' ');
fake.setResponder((body) =>
  Array.isArray(body.tools) && body.tools.length > 0
    ? { status: 503 }
    : { chunks: words.map((word, i) => (i === 0 ? word : ` ${word}`)), chunkDelayMs: 120 },
);

const api = await startApi({
  env: loadApiEnv({
    ...process.env,
    AI_CHAT_MODELS: 'openai:fake-e2e',
    AI_TASK_MODELS: 'offline',
    OPENAI_API_KEY: 'e2e',
    OPENAI_BASE_URL: fake.openaiBaseUrl,
    AI_RETRY_ATTEMPTS: '1',
  }),
});
await api.ready;

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, async () => {
    await api.stop();
    await fake.close();
    process.exit(0);
  });
}
