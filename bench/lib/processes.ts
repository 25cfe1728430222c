import { type ChildProcess, spawn } from 'node:child_process';

/** Starts a TypeScript server in its own process (its own core) and waits for its JSON hello. */
export function startServer(
  script: string,
  env: Record<string, string>,
  options: { fromSource?: boolean } = {},
): Promise<{ child: ChildProcess; hello: Record<string, string> }> {
  // BENCH_CPU_PROF=1 writes a V8 CPU profile of each server to bench/results/ (for finding hot spots).
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${new URL('../results', import.meta.url).pathname}`]
    : [];
  const child = spawn(
    process.execPath,
    [
      ...profile,
      // Servers run the built packages (as `pnpm start` does) unless asked to run sources.
      ...(options.fromSource ? ['--conditions=@waypoint/source'] : []),
      '--import',
      'tsx',
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
    child.stdout?.on('data', (data: Buffer) => {
      buffer += data.toString();
      const line = buffer.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ child, hello: JSON.parse(line) as Record<string, string> });
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
