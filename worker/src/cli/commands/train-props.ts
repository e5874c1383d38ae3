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
import { parseArgs } from 'node:util';
import { ALL_MARKETS, MARKETS, parseWeekly, PROP_DEFAULTS, type MarketName, type PropModelConfig } from '@fairline/ml/nfl/props/index';
import { silentLogger } from '../../lib/logger.ts';
import { trainAndRecord } from '../../services/nfl/props/index.ts';
import { expandMultiValue } from '../args.ts';
import { openCliDatabase } from '../database.ts';

const USAGE =
  'usage: fairline train props --weekly <weekly csv...> --games <games csv...> [--project <season...>] ' +
  `[--markets ${ALL_MARKETS.join(',')}] [--trees <n>] [--json]`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: expandMultiValue(argv, ['--weekly', '--games', '--project']),
    options: {
      weekly: { type: 'string', multiple: true },
      games: { type: 'string', multiple: true },
      project: { type: 'string', multiple: true },
      markets: { type: 'string' },
      trees: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.weekly?.length || !values.games?.length) {
    console.error(USAGE);
    return 2;
  }
  const markets = (values.markets ? values.markets.split(',').map((m) => m.trim()) : ALL_MARKETS) as MarketName[];
  const unknown = markets.filter((m) => !(m in MARKETS));
  if (unknown.length) {
    console.error(`fairline train props: unknown market(s): ${unknown.join(', ')}\n${USAGE}`);
    return 2;
  }
  const project = (values.project ?? []).map(Number);
  const trees = values.trees === undefined ? undefined : Number(values.trees);
  if (project.some((s) => !Number.isInteger(s)) || (trees !== undefined && !(Number.isInteger(trees) && trees > 0))) {
    console.error(`fairline train props: --project takes season years and --trees a positive integer\n${USAGE}`);
    return 2;
  }
  const weeklyCsvs = values.weekly.map((f) => readFileSync(f, 'utf8'));
  const gamesCsvs = values.games.map((f) => readFileSync(f, 'utf8'));
  const seasons = [...new Set(parseWeekly(weeklyCsvs).season)].sort((a, b) => a - b);
  const trainSeasons = seasons.filter((s) => !project.includes(s));
  if (trainSeasons.length < 2) {
    console.error(`fairline train props: need at least two training seasons (got ${trainSeasons.join(', ') || 'none'})`);
    return 2;
  }
  const configs = trees === undefined ? undefined : Object.fromEntries(
    markets.map((m): [MarketName, PropModelConfig] => [m, { ...PROP_DEFAULTS[m], gbdt: { ...PROP_DEFAULTS[m].gbdt, trees } }]),
  );
  if (!values.json) process.stderr.write(`training ${markets.join(', ')} on ${trainSeasons.join(', ')}${project.length ? `; projecting ${project.join(', ')}` : ''}\n`);

  const conn = await openCliDatabase();
  let result: Awaited<ReturnType<typeof trainAndRecord>>;
  try {
    result = await trainAndRecord({
      ctx: { db: conn.db, read: conn.db, cache: null, clock: () => new Date(), logger: silentLogger, fetch },
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
}
