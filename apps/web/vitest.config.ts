import { defineConfig } from 'vitest/config';

// Unit tests only; e2e/ belongs to Playwright.
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
  resolve: { alias: { '@': new URL('./src', import.meta.url).pathname } },
});
