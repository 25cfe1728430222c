import { definePackageConfig } from '@waypoint/vitest-config';

// Test files in one worker share its embedded database (see @waypoint/db/testing).
export default definePackageConfig({ test: { isolate: false } });
