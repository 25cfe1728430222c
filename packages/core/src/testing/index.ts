export { createTestHarness, principalFor, type TestHarness } from './harness.ts';
