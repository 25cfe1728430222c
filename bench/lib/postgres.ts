import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';

/**
 * A throwaway PostgreSQL 15 on 127.0.0.1 and a free port, deleted on stop. Postgres refuses to
 * run as root, so as root the cluster belongs to the `postgres` user.
 */
export async function startPostgres(): Promise<{ url: string; stop(): void }> {
  const dir = mkdtempSync('/tmp/waypoint-bench-pg-');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    chownSync(dir, uid, uid);
  }
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(BIN, cmd), ...args]]
      : [join(BIN, cmd), args];
    const result = spawnSync(file as string, argv as string[], { stdio: 'pipe' });
    if (result.status !== 0) throw new Error(`${cmd} failed: ${result.stderr.toString()}`);
  };
  const port = await freePort();
  run('initdb', [
    '-D',
    `${dir}/data`,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ]);
  run('pg_ctl', [
    '-D',
    `${dir}/data`,
    '-l',
    `${dir}/log`,
    '-w',
    '-o',
    // BENCH_PG_OPTS adds server settings, e.g. `-c log_min_duration_statement=0` to time SQL.
    `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=300 -c shared_buffers=256MB ${process.env.BENCH_PG_OPTS ?? ''}`,
    'start',
  ]);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run('pg_ctl', ['-D', `${dir}/data`, '-m', 'immediate', 'stop']);
    } finally {
      if (process.env.BENCH_PG_KEEP_LOG)
        spawnSync('cp', [`${dir}/log`, process.env.BENCH_PG_KEEP_LOG]);
      rmSync(dir, { recursive: true, force: true });
    }
  };
  process.once('exit', stop);
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
