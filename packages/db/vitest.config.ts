import { definePackageConfig } from '@waypoint/vitest-config';

// Test files in one worker share its embedded database (see testing/test-database.ts).
export default definePackageConfig({ test: { isolate: false } });
