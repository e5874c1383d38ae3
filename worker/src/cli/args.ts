/** Let `--train a.csv b.csv` mean `--train a.csv --train b.csv` (node:util parseArgs wants the flag repeated). */
export function expandMultiValue(argv: string[], flags: readonly string[]): string[] {
  const out: string[] = [];
  let current: string | null = null;
  for (const a of argv) {
    if (a.startsWith('--')) {
      current = flags.includes(a) ? a : null;
      if (!current) out.push(a);
      continue;
    }
    if (current) out.push(current, a);
    else out.push(a);
  }
  return out;
}
