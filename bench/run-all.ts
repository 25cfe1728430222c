// `pnpm bench`: every benchmark, one after another (each starts and stops its own Postgres).
import { spawnSync } from 'node:child_process';

for (const name of ['api-overhead', 'stream-overhead', 'stream-concurrency']) {
  const result = spawnSync(
    process.execPath,
    ['--conditions=@waypoint/source', '--import', 'tsx', `${name}.ts`],
    {
      cwd: new URL('.', import.meta.url).pathname,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}
