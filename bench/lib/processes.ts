import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Starts a TypeScript server in its own process (its own core) and waits for its JSON hello. */
export function startServer(
  script: string,
  env: Record<string, string>,
  options: { fromSource?: boolean; nodeArgs?: string[] } = {},
): Promise<{ child: ChildProcess; hello: Record<string, string> }> {
  // BENCH_CPU_PROF=1 writes a V8 CPU profile of each server to bench/results/ (for finding hot spots).
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${new URL('../results', import.meta.url).pathname}`]
    : [];
  const child = spawn(
    process.execPath,
    [
      ...profile,
      ...(options.nodeArgs ?? []),
      // BENCH_NODE_ARGS adds flags, e.g. `--heapsnapshot-signal=SIGUSR2` to look at memory.
      ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      // Servers run the built packages (as `pnpm start` does) unless asked to run sources.
      ...(options.fromSource ? ['--conditions=@waypoint/source'] : []),
      // TypeScript servers through tsx; a JavaScript one (the API) with plain node.
      ...(script.endsWith('.ts') ? ['--import', 'tsx'] : []),
      script,
    ],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  process.once('exit', () => child.kill('SIGKILL'));
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (data: Buffer) => {
      buffer += data.toString();
      // The hello is the first JSON line that is not a log record (servers may log at info).
      const line = buffer
        .split('\n')
        .find((l) => l.startsWith('{') && !l.includes('"level":') && l.endsWith('}'));
      if (!line) return;
      child.stdout?.off('data', onData);
      // BENCH_SERVER_LOG=1 passes the servers' own output (logs) through to stderr.
      if (process.env.BENCH_SERVER_LOG) child.stdout?.pipe(process.stderr);
      else child.stdout?.resume();
      resolve({ child, hello: JSON.parse(line) as Record<string, string> });
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/**
 * The Node flags of the API's `start` script (its heap limit), with `${VAR:-default}` taken from
 * the environment, so the bench runs the API as `pnpm start` does — a baseline checkout's own.
 */
export function apiStartFlags(root = new URL('../..', import.meta.url).pathname): string[] {
  const manifest = JSON.parse(readFileSync(join(root, 'apps/api/package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  return manifest.scripts.start
    .split(/\s+/)
    .filter((word) => word.startsWith('--'))
    .map((flag) =>
      flag.replace(/\$\{(\w+):-([^}]*)\}/g, (_, name: string, fallback: string) =>
        String(process.env[name] ?? fallback),
      ),
    );
}
