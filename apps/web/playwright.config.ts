import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

const API_PORT = 4310;
const WEB_PORT = 3310;
const API_URL = `http://127.0.0.1:${API_PORT}`;
// A fresh embedded database per run: tests never see each other's leftovers.
const DATA_DIR = mkdtempSync(join(tmpdir(), 'waypoint-e2e-'));

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never' }]],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${WEB_PORT}`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium; never a downloaded browser.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: [
    {
      command: 'node e2e/servers/api.mjs',
      url: `${API_URL}/ready`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: {
        API_PORT: String(API_PORT),
        WEB_PORT: String(WEB_PORT),
        DATA_DIR,
        LOG_LEVEL: 'warn',
        SEED_DEMO: 'true',
        AUTH_RATE_LIMIT_PER_MINUTE: '1000',
      },
    },
    {
      command: `pnpm exec next start -p ${WEB_PORT} -H 127.0.0.1`,
      url: `http://127.0.0.1:${WEB_PORT}/sign-in`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: { API_URL, NEXT_TELEMETRY_DISABLED: '1' },
    },
  ],
});
