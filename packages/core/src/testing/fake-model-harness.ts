import { loadAiEnv } from '@waypoint/ai';
import { type FakeProvider, startFakeProvider } from '@waypoint/ai/testing';
import { createServices, type ServiceDependencies } from '../services.ts';
import { createTestHarness, type TestHarness } from './harness.ts';

export interface FakeModelHarness {
  fake: FakeProvider;
  h: TestHarness;
  /** Between tests: forget the fake's requests and scenarios, empty the database. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A test harness whose models are the fake provider (OpenAI protocol, one attempt each).
 * `aiEnv` adds or overrides variables (`AI_CHAT_MODELS` at least); `services` the rest.
 */
export async function createFakeModelHarness(options: {
  aiEnv: Record<string, string>;
  services?: Omit<ServiceDependencies, 'db' | 'aiEnv'>;
}): Promise<FakeModelHarness> {
  const fake = await startFakeProvider();
  const h = await createTestHarness((handle) =>
    createServices({
      ...options.services,
      db: handle.db,
      aiEnv: loadAiEnv({
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: fake.openaiBaseUrl,
        AI_RETRY_ATTEMPTS: '1',
        ...options.aiEnv,
      }),
    }),
  );
  return {
    fake,
    h,
    async reset() {
      fake.reset();
      await h.reset();
    },
    async close() {
      await fake.close();
      await h.reset();
    },
  };
}
