// `npm start`: installs what is missing, builds, and runs the API and the web app on embedded
// defaults (PGlite in .data/, local auth, offline models) with a demo user.
import { execSync, spawn } from 'node:child_process';

execSync('node scripts/setup.mjs', { stdio: 'inherit' });
console.log('\u203a building (turbo caches repeat builds)');
execSync(
  'pnpm exec turbo run build --filter=@waypoint/api --filter=@waypoint/web --output-logs=errors-only',
  {
    stdio: 'inherit',
  },
);

const apiPort = process.env.API_PORT ?? '4000';
const webPort = process.env.WEB_PORT ?? '3000';
const apiUrl = process.env.API_URL ?? `http://127.0.0.1:${apiPort}`;
const env = {
  ...process.env,
  API_PORT: apiPort,
  WEB_PORT: webPort,
  API_URL: apiUrl,
  DATA_DIR: process.env.DATA_DIR ?? '.data',
  SEED_DEMO: process.env.SEED_DEMO ?? 'true',
  NODE_ENV: 'production',
};
// The API resolves DATA_DIR from its own folder; anchor it at the repository root instead.
if (!env.DATA_DIR.startsWith('/')) env.DATA_DIR = `${process.cwd()}/${env.DATA_DIR}`;

const children = [
  spawn('pnpm', ['--filter', '@waypoint/api', 'start'], { stdio: 'inherit', env }),
  spawn('pnpm', ['--filter', '@waypoint/web', 'start'], { stdio: 'inherit', env }),
];

waitFor(`${apiUrl}/ready`).then(() => {
  console.log(`
  Waypoint is running
    web  http://127.0.0.1:${webPort}
    api  ${apiUrl}   (health: ${apiUrl}/health)
  Demo user: demo@waypoint.local / waypoint-demo  (or sign up)
  Press Ctrl+C to stop.
`);
});

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) {
  child.on('exit', (code) => {
    if (!stopping && code !== 0) {
      console.error(`a process exited with ${code}; stopping`);
      process.exitCode = code ?? 1;
    }
    stop();
  });
}

async function waitFor(url) {
  for (let attempt = 0; attempt < 240; attempt++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  console.error(`${url} did not become ready`);
}
