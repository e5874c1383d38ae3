import { afterEach, describe, expect, it, vi } from 'vitest';
import { commandGroup, defineCommand, numberOption, UsageError } from '../../src/cli/command.ts';
import { main } from '../../src/cli/main.ts';
import { captureRun } from '../support/cli.ts';

afterEach(() => vi.restoreAllMocks());

const seen: unknown[] = [];
const demo = defineCommand({
  name: 'demo run',
  options: {
    train: { type: 'string', arg: '<csv...>', multiple: true, required: true },
    xi: { type: 'string', arg: '0.0019' },
    dry: { type: 'boolean' },
  },
  run({ values }) {
    const xi = numberOption(values.xi, 'xi', 0.0019);
    if (values.train.includes('bad')) throw new UsageError('bad is not a file');
    if (values.train.includes('boom')) throw new Error('it broke');
    seen.push({ train: values.train, xi, dry: values.dry, json: values.json });
    return 0;
  },
});

describe('defineCommand', () => {
  it('generates the usage from the definition and prints it for --help (exit 0)', async () => {
    expect(demo.synopsis).toBe('fairline demo run --train <csv...> [--xi 0.0019] [--dry] [--json]');
    const r = await captureRun(demo.run, ['--help']);
    expect(r).toMatchObject({ code: 0, out: 'usage: fairline demo run --train <csv...> [--xi 0.0019] [--dry] [--json]\n' });
  });

  it('takes several values after a multi-value flag, and --json on every command', async () => {
    seen.length = 0;
    expect((await captureRun(demo.run, ['--train', 'a.csv', 'b.csv', '--xi', '0.01', '--json'])).code).toBe(0);
    expect(seen).toEqual([{ train: ['a.csv', 'b.csv'], xi: 0.01, dry: false, json: true }]);
  });

  it('exits 2 with the usage on wrong arguments, 1 with the message when the command fails', async () => {
    expect(await captureRun(demo.run, ['--xi', '1'])).toMatchObject({ code: 2, err: 'usage: fairline demo run --train <csv...> [--xi 0.0019] [--dry] [--json]\n' });
    expect(await captureRun(demo.run, ['--train', 'a', '--nope'])).toMatchObject({ code: 2, err: expect.stringMatching(/^fairline demo run: Unknown option '--nope'.*\nusage: /s) });
    expect(await captureRun(demo.run, ['--train', 'a', '--xi', 'x'])).toMatchObject({ code: 2, err: expect.stringMatching(/^fairline demo run: --xi must be a number, got 'x'\nusage: /) });
    expect(await captureRun(demo.run, ['--train', 'bad'])).toMatchObject({ code: 2, err: expect.stringMatching(/^fairline demo run: bad is not a file\nusage: /) });
    expect(await captureRun(demo.run, ['--train', 'boom'])).toMatchObject({ code: 1, err: 'fairline demo run: it broke\n' });
  });

  it('groups subcommands under one word; anything else prints every subcommand usage (exit 2)', async () => {
    const group = commandGroup('demo', [demo]);
    seen.length = 0;
    expect((await captureRun(group.run, ['run', '--train', 'a'])).code).toBe(0);
    expect(seen).toHaveLength(1);
    expect(await captureRun(group.run, ['walk'])).toMatchObject({ code: 2, err: 'usage: fairline demo run --train <csv...> [--xi 0.0019] [--dry] [--json]\n' });
  });
});

describe('fairline (main)', () => {
  it('lists every command from its definition', async () => {
    const r = await captureRun(main, []);
    expect(r.code).toBe(0);
    for (const name of ['backtest soccer', 'backtest props', 'train props', 'train game-lines', 'gbdt train', 'gbdt predict', 'ingest']) {
      expect(r.err).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
    expect((await captureRun(main, ['nope'])).code).toBe(2);
  });
});
