import { definePackageConfig } from '@waypoint/vitest-config';

export default definePackageConfig();
