import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { round, type Spread } from './stats.ts';

const require = createRequire(import.meta.url);

function versionOf(pkg: string): string {
  try {
    return (
      JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as {
        version: string;
      }
    ).version;
  } catch {
    return 'unknown';
  }
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
