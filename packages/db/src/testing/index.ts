export {
  createTestUser,
  getTestDatabase,
  resetTestDatabase,
  type TestUser,
} from './test-database.ts';
