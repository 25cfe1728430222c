// driver-gc: how much of each call postgres.js leaves for V8's old generation, by how a call uses
// the driver. Not a target of the issue: a diagnostic behind api-overhead's p99 (docs/performance.md).
// Each mode runs 16 callers in a child process for 8 s against a throwaway PostgreSQL 15 and reads
// `--trace-gc-nvp`: what the young collections promote (survivors kept across two of them). On
// this machine one statement per call promotes ~15-25 KB per young collection; two per call,
// one after the other, ~0.6 MB; two at once, or a transaction (`sql.begin`), 2.5-3 MB.

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { startPostgres } from './lib/postgres.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const SELECT =
  'select g, md5(g::text) as a, md5((g + 1)::text) as b, now() as t from generate_series(1, 20) g';
const modes: Record<string, string> = {
  one: `await sql.unsafe(SELECT, [], { prepare: true })`,
  'two-in-turn': `await sql.unsafe('select 1', [], { prepare: true }); await sql.unsafe(SELECT, [], { prepare: true })`,
  'two-at-once': `await Promise.all([sql.unsafe('select 1', [], { prepare: true }), sql.unsafe(SELECT, [], { prepare: true })])`,
  begin: `await sql.begin((tx) => tx.unsafe(SELECT, [], { prepare: true }))`,
};

const pg = await startPostgres();
const postgresEntry = createRequire(import.meta.url).resolve('postgres');
const rows: Record<string, unknown>[] = [];
try {
  for (const [mode, call] of Object.entries(modes)) {
    const script = `
      const postgres = require(${JSON.stringify(postgresEntry)});
      const sql = postgres(${JSON.stringify(pg.url)}, { max: 10, onnotice: () => {} });
      const SELECT = ${JSON.stringify(SELECT)};
      const one = async () => { ${call} };
      (async () => {
        await one();
        let calls = 0;
        const end = Date.now() + ${SECONDS * 1000};
        await Promise.all(Array.from({ length: 16 }, async () => { while (Date.now() < end) { await one(); calls++; } }));
        console.error(JSON.stringify({ calls }));
        await sql.end();
      })();`;
    const child = spawn(process.execPath, ['--trace-gc-nvp', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    if (code !== 0) throw new Error(`${mode} exited with ${code}: ${err}`);
    const { calls } = JSON.parse(err.trim().split('\n').at(-1) ?? '{}') as { calls: number };
    const young = out.split('\n').filter((line) => line.includes('gc=s '));
    // The last 60 young collections: past the start-up.
    const tail = young.slice(-60);
    const kb = (field: string) =>
      Math.round(
        tail.reduce(
          (sum, line) => sum + Number(line.match(new RegExp(` ${field}=(\\d+)`))?.[1] ?? 0),
          0,
        ) /
          tail.length /
          1024,
      );
    rows.push({
      mode,
      callsPerSecond: Math.round(calls / SECONDS),
      youngCollections: young.length,
      promotedKbEach: kb('promoted'),
      survivedKbEach: kb('new_space_survived'),
      fullCollections: out.split('\n').filter((line) => /gc=(mc|mmc) /.test(line)).length,
    });
  }
} finally {
  pg.stop();
}
console.table(rows);
