// Summarises a V8 .cpuprofile: self time per function, top 25. Usage: tsx lib/profile-summary.ts <file>
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
const profile = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as {
  nodes: Node[];
  samples: number[];
};
const counts = new Map<number, number>();
for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
const byFunction = new Map<string, number>();
for (const node of profile.nodes) {
  const url = node.callFrame.url
    .replace(/^.*node_modules\/\.pnpm\/([^/]+)\/node_modules\//, '$1 ')
    .replace(/^file:\/\/.*\/work\/main\//, '');
  const key = `${node.callFrame.functionName || '(anonymous)'}  ${url}:${node.callFrame.lineNumber}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + (counts.get(node.id) ?? 0));
}
const total = profile.samples.length;
for (const [key, count] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
  console.log(`${((100 * count) / total).toFixed(1).padStart(5)}%  ${key}`);
}
