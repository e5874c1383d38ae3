/** A V8 CPU profile (Profiler.stop) summarised as text: the top functions by self time and by inclusive time. */

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

export function summariseProfile(p: CpuProfile, top: number): string {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (id: number) => {
    const f = byId.get(id)!.callFrame;
    return `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
  };
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  p.samples.forEach((sample, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    total += dt;
    self.set(name(sample), (self.get(name(sample)) ?? 0) + dt);
    const onStack = new Set<string>(); // a recursive function counts once per sample
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) onStack.add(name(id));
    for (const k of onStack) inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
  });
  const list = (m: Map<string, number>) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(6)}%  ${k}`).join('\n');
  return `-- self (of ${(total / 1000).toFixed(0)} ms sampled)\n${list(self)}\n-- inclusive\n${list(inclusive)}`;
}
