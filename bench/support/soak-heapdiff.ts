/**
 * Compares two V8 heap snapshots (e.g. the soak's JALON_SOAK_HEAPSNAPSHOTS=30,150 pair): objects
 * grouped by constructor (node type and name), their count and self size in each, sorted by the
 * growth in self size. Objects still there at the second snapshot survived a full GC (a snapshot
 * collects first), so a group that grows with the number of requests served is retained by
 * something: a leak or an unbounded cache.
 *
 *   node bench/support/soak-heapdiff.ts /tmp/jalon-soak-heap/api-30s.heapsnapshot /tmp/jalon-soak-heap/api-150s.heapsnapshot [rows]
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}
type Groups = Map<string, { count: number; size: number }>;

function groups(file: string): { groups: Groups; total: number } {
  const s = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = s.snapshot.meta.node_fields;
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [
    number,
    number,
    number,
  ];
  const types = s.snapshot.meta.node_types[0];
  const out: Groups = new Map();
  let total = 0;
  for (let i = 0; i < s.nodes.length; i += width) {
    const type = types[s.nodes[i + typeAt] as number] ?? '?';
    // Strings and code are grouped by kind; objects and closures by constructor or function name.
    const named = type === 'object' || type === 'closure' || type === 'native';
    const name = named ? (s.strings[s.nodes[i + nameAt] as number] ?? '?').slice(0, 60) : '';
    const key = `${type}${name ? ` ${name}` : ''}`;
    const size = s.nodes[i + sizeAt] as number;
    total += size;
    const g = out.get(key) ?? { count: 0, size: 0 };
    g.count++;
    g.size += size;
    out.set(key, g);
  }
  return { groups: out, total };
}

const [a, b, rows = '40'] = process.argv.slice(2);
if (!a || !b) throw new Error('usage: soak-heapdiff.ts <first.heapsnapshot> <second.heapsnapshot> [rows]');
const first = groups(a);
const second = groups(b);
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
console.log(`total self size: ${kb(first.total)} → ${kb(second.total)} (${kb(second.total - first.total)})`);
const keys = new Set([...first.groups.keys(), ...second.groups.keys()]);
const diff = [...keys]
  .map((k) => {
    const x = first.groups.get(k) ?? { count: 0, size: 0 };
    const y = second.groups.get(k) ?? { count: 0, size: 0 };
    return { k, dCount: y.count - x.count, dSize: y.size - x.size, count: y.count, size: y.size };
  })
  .sort((p, q) => q.dSize - p.dSize)
  .slice(0, Number(rows));
for (const d of diff) {
  console.log(
    `${(d.dSize >= 0 ? '+' : '') + kb(d.dSize)}`.padStart(12),
    `${(d.dCount >= 0 ? '+' : '') + d.dCount}`.padStart(9),
    `${kb(d.size)}`.padStart(10),
    `${d.count}`.padStart(8),
    ' ',
    d.k,
  );
}
