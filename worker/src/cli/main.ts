// `npx fairline <command> …` — the Node CLI. Each command lives in its own file under ./commands and exports its
// definition as `command` (cli/command.ts); this file only dispatches, loading just the command asked for.
import type { Command } from './command.ts';

const commands: Record<string, () => Promise<{ command: Command }>> = {
  'backtest soccer': () => import('./commands/backtest-soccer.ts'),
  'backtest props': () => import('./commands/backtest-props.ts'),
  'train props': () => import('./commands/train-props.ts'),
  'train game-lines': () => import('./commands/train-game-lines.ts'),
  'train retrain': () => import('./commands/train-retrain.ts'),
  gbdt: () => import('./commands/gbdt.ts'),
  ingest: () => import('./commands/ingest.ts'),
  models: () => import('./commands/models.ts'),
  users: () => import('./commands/users.ts'),
  'portfolio analyze': () => import('./commands/portfolio-analyze.ts'),
  'audit verify': () => import('./commands/audit.ts'),
};

/** Every command's synopsis, from the definitions. */
async function usage(): Promise<string> {
  const loaded = await Promise.all(Object.values(commands).map((load) => load()));
  const lines = loaded.flatMap(({ command }) => command.synopsis.split('\n')).map((s) => `  ${s.replace(/^fairline /, '')}`);
  return ['usage: fairline <command> [options]   (fairline <command> --help for one command)', '', 'commands:', ...lines].join('\n');
}

/** Runs the CLI on its arguments; resolves to the exit code (0 done, 1 failed, 2 wrong arguments). */
export async function main(argv: string[]): Promise<number> {
  const two = argv.slice(0, 2).join(' ');
  const key = commands[two] ? two : argv[0];
  const load = key ? commands[key] : undefined;
  try {
    if (!key || !load) {
      console.error(await usage());
      return argv.length === 0 || argv[0] === '--help' ? 0 : 2;
    }
    const { command } = await load();
    return await command.run(argv.slice(key.split(' ').length));
  } catch (err) {
    console.error(`fairline: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''));
if (invokedDirectly) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
