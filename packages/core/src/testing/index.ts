export { applyProposal, createTestHarness, principalFor, type TestHarness } from './harness.ts';
