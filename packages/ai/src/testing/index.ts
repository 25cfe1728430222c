export type { FakeScenario, RecordedRequest } from './fake-provider/scenario.ts';
export { type FakeProvider, startFakeProvider } from './fake-provider/server.ts';
export { hasRedisServer, startRedisServer } from './redis-server.ts';
