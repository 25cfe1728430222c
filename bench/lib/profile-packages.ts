// Self time of a V8 .cpuprofile grouped by package. Usage: tsx lib/profile-packages.ts <file>
import { readFileSync } from 'node:fs';

const profile = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
};
const counts = new Map<number, number>();
for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
const byPackage = new Map<string, number>();
for (const node of profile.nodes) {
  const url = node.callFrame.url;
  const pkg =
    /node_modules\/\.pnpm\/[^/]+\/node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
    (url.includes('/packages/') || url.includes('/apps/')
      ? `waypoint:${/\/(packages|apps)\/([^/]+)/.exec(url)?.[2]}`
      : url.startsWith('node:')
        ? 'node-internal'
        : node.callFrame.functionName || '(native)');
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + (counts.get(node.id) ?? 0));
}
const total = profile.samples.length;
for (const [pkg, count] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
  console.log(`${((100 * count) / total).toFixed(1).padStart(5)}%  ${pkg}`);
}
