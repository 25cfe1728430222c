// Inclusive (total) time of functions in a V8 .cpuprofile, top 40. Usage: tsx lib/profile-inclusive.ts <file> [filter]
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const profile = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as {
  nodes: Node[];
  samples: number[];
};
const self = new Map<number, number>();
for (const id of profile.samples) self.set(id, (self.get(id) ?? 0) + 1);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const keyOf = (n: Node) =>
  `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/work\/main\//, '')}:${n.callFrame.lineNumber}`;
const totals = new Map<string, number>();
function walk(id: number, stack: Set<string>): number {
  const node = byId.get(id) as Node;
  let sum = self.get(id) ?? 0;
  const key = keyOf(node);
  const fresh = !stack.has(key);
  if (fresh) stack.add(key);
  for (const child of node.children ?? []) sum += walk(child, stack);
  if (fresh) {
    stack.delete(key);
    totals.set(key, (totals.get(key) ?? 0) + sum);
  }
  return sum;
}
walk(profile.nodes[0]?.id ?? 1, new Set());
const busy =
  profile.samples.length -
  [...profile.nodes]
    .filter((n) => n.callFrame.functionName === '(idle)')
    .reduce((s, n) => s + (self.get(n.id) ?? 0), 0);
const filter = process.argv[3] ? new RegExp(process.argv[3]) : undefined;
for (const [key, count] of [...totals]
  .filter(([k]) => !filter || filter.test(k))
  .sort((a, b) => b[1] - a[1])
  .slice(0, 45))
  console.log(`${((100 * count) / busy).toFixed(1).padStart(5)}%  ${key}`);
