/**
 * `fairline train props --weekly <csv...> --games <csv...> [--project <season...>] [--markets a,b] [--trees n] [--json]`
 *
 * Trains one prop model per market on the seasons of the weekly files (minus any `--project` seasons) and
 * stores the run through the `trainAndRecord` verb: a `model_versions` row per market (config, feature
 * columns, metrics, artifact) and, for the `--project` seasons, projections tied to those versions (scored
 * metrics too where those games have been played). Database: DATABASE_URL (+ NEON_LOCAL_PROXY) when set, else
 * the local embedded default — the `npm start` stack when it is running, otherwise one of its own (the same
 * connection logic as `fairline ingest`). Transport only: modelling is in ml/, storage in the verb.
 */
import { readFileSync } from 'node:fs';
import { ALL_MARKETS, parseWeekly, PROP_DEFAULTS, type MarketName, type PropModelConfig } from '@fairline/ml/nfl/props/index';
import { trainAndRecord } from '../../services/nfl/props/index.ts';
import { defineCommand, UsageError } from '../command.ts';
import { propMarkets } from '../prop-markets.ts';
import { cliContext, openCliDatabase } from '../database.ts';

/** `fairline train props`. */
export const command = defineCommand({
  name: 'train props',
  options: {
    weekly: { type: 'string', arg: '<weekly csv...>', multiple: true, required: true },
    games: { type: 'string', arg: '<games csv...>', multiple: true, required: true },
    project: { type: 'string', arg: '<season...>', multiple: true },
    markets: { type: 'string', arg: ALL_MARKETS.join(',') },
    trees: { type: 'string', arg: '<n>' },
  },
  async run({ values }) {
    const markets = propMarkets(values.markets);
    const project = values.project.map(Number);
    const trees = values.trees === undefined ? undefined : Number(values.trees);
    if (project.some((s) => !Number.isInteger(s)) || (trees !== undefined && !(Number.isInteger(trees) && trees > 0))) {
      throw new UsageError('--project takes season years and --trees a positive integer');
    }
    const weeklyCsvs = values.weekly.map((f) => readFileSync(f, 'utf8'));
    const gamesCsvs = values.games.map((f) => readFileSync(f, 'utf8'));
    const seasons = [...new Set(parseWeekly(weeklyCsvs).season)].sort((a, b) => a - b);
    const trainSeasons = seasons.filter((s) => !project.includes(s));
    if (trainSeasons.length < 2) throw new UsageError(`need at least two training seasons (got ${trainSeasons.join(', ') || 'none'})`);
    const configs = trees === undefined ? undefined : Object.fromEntries(
      markets.map((m): [MarketName, PropModelConfig] => [m, { ...PROP_DEFAULTS[m], gbdt: { ...PROP_DEFAULTS[m].gbdt, trees } }]),
    );
    if (!values.json) process.stderr.write(`training ${markets.join(', ')} on ${trainSeasons.join(', ')}${project.length ? `; projecting ${project.join(', ')}` : ''}\n`);

    const conn = await openCliDatabase();
    let result: Awaited<ReturnType<typeof trainAndRecord>>;
    try {
      result = await trainAndRecord({
        ctx: cliContext(conn.db),
        input: { weeklyCsvs, gamesCsvs, trainSeasons, projectSeasons: project, markets, ...(configs ? { configs } : {}) },
      });
    } finally {
      await conn.close();
    }
    if (values.json) console.log(JSON.stringify({ trainSeasons, projectSeasons: project, ...result }));
    else {
      for (const m of result.models) console.log(`${m.market.padEnd(16)} model_versions #${m.id} v${m.version}${m.created ? '' : ' (unchanged, reused)'}`);
      const p = result.projections;
      console.log(`projections: ${p.inserted} inserted · ${p.unchanged} unchanged · ${p.unknownFixture} unknown fixture · ${p.unknownPlayer} unknown player` +
        `${conn.where ? ` (${conn.where})` : ''}`);
    }
    return 0;
  },
});

/** Runs the command on the words after `fairline train props`; resolves to the exit code. */
export const run = command.run;
