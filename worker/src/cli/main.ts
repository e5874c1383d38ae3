// `npx fairline <command> …` — the Node CLI. Each command lives in its own file under ./commands and
// exports `run(argv): Promise<number>` (the exit code). This file only dispatches.
const commands: Record<string, () => Promise<{ run(argv: string[]): Promise<number> }>> = {
  'backtest soccer': () => import('./commands/backtest-soccer.ts'),
  'backtest props': () => import('./commands/backtest-props.ts'),
  'train props': () => import('./commands/train-props.ts'),
  'train game-lines': () => import('./commands/train-game-lines.ts'),
  gbdt: () => import('./commands/gbdt.ts'),
  ingest: () => import('./commands/ingest.ts'),
};

function usage(): string {
  return [
    'usage: fairline <command> [options]',
    '',
    'commands:',
    '  backtest soccer --train <csv...> --test <csv...> [--xi 0.0019] [--window-days 1100] [--json]',
    '  backtest props  --train <weekly csv...> --test <weekly csv...> --games <games csv...> [--markets a,b] [--json]',
    '  train props     --weekly <weekly csv...> --games <games csv...> [--project <season...>] [--markets a,b] [--trees n] [--json]',
    '  train game-lines --games <games csv...> --seasons <from-to | a,b,c> [--test <season...>] [--json]',
    '  gbdt train      --csv <file> --target <column> --out <model.json> [options] [--json]',
    '  gbdt predict    --model <model.json> --csv <file> --out <preds.csv> [--shap] [--json]',
    '  ingest <football-data|nflverse-games|nflverse-weekly|odds-api> (--file <path...> | --url <url>) [--json]',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const two = argv.slice(0, 2).join(' ');
  const key = commands[two] ? two : argv[0];
  const load = key ? commands[key] : undefined;
  if (!key || !load) {
    console.error(usage());
    return argv.length === 0 || argv[0] === '--help' ? 0 : 2;
  }
  const rest = argv.slice(key.split(' ').length);
  try {
    const cmd = await load();
    return await cmd.run(rest);
  } catch (err) {
    console.error(`fairline: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''));
if (invokedDirectly) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
