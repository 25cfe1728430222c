import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { round, type Spread } from './stats.ts';

const require = createRequire(import.meta.url);

/** A dependency's version, found from its entry point (some packages do not export package.json). */
function versionOf(pkg: string): string {
  try {
    let dir = dirname(require.resolve(pkg));
    while (dir !== dirname(dir)) {
      const file = join(dir, 'package.json');
      if (existsSync(file)) {
        const json = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (json.name === pkg && json.version) return json.version;
      }
      dir = dirname(dir);
    }
  } catch {
    // not resolvable from here
  }
  return 'unknown';
}

export function machine() {
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    packages: Object.fromEntries(
      ['@trpc/server', 'postgres', 'ai', 'autocannon', 'jose'].map((p) => [p, versionOf(p)]),
    ),
  };
}

/** Prints a table and writes `bench/results/<name>.json` with the machine and every figure. */
export function report(
  name: string,
  figures: Record<string, Spread | number | string | object>,
  details: object = {},
) {
  const result = { name, date: new Date().toISOString(), machine: machine(), figures, details };
  writeFileSync(
    new URL(`../results/${name}.json`, import.meta.url),
    `${JSON.stringify(result, null, 2)}\n`,
  );
  console.log(`\n${name}`);
  console.table(
    Object.fromEntries(
      Object.entries(figures).map(([key, value]) => [
        key,
        typeof value === 'object' && value && 'median' in value
          ? {
              median: round((value as Spread).median),
              min: round((value as Spread).min),
              max: round((value as Spread).max),
            }
          : { value },
      ]),
    ),
  );
}
