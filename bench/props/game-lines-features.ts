/**
 * The features of game lines version 1 (a GBDT on the margin / total), kept for game-lines-study.ts, which
 * still compares that rejected centre with the market line. One row per game (home perspective), from the games file alone: the market's spread
 * and total, each team's points for and against over its previous `WINDOW` games (across seasons), rest days,
 * divisional game, home field, roof and weather. Only games strictly before kickoff enter the rolling means.
 */
import type { DenseMatrix } from '../../ml/src/gbdt/index.ts';
import type { NflGame } from '../../ml/src/nfl/games.ts';

export const GAME_FEATURE_VERSION = 'game-lines@1';
export const WINDOW = 8;
export const GAME_FEATURES = [
  'spread', 'total', 'home_field', 'home_rest', 'away_rest', 'divisional', 'indoors', 'wind', 'temp', 'postseason',
  'home_points_for8', 'home_points_against8', 'away_points_for8', 'away_points_against8',
  'home_margin_vs_spread8', 'away_margin_vs_spread8',
] as const;

/** Chronological order: by gameday, then game id (the file is already ordered; this makes it explicit). */
export function chronological(games: readonly NflGame[]): NflGame[] {
  return [...games].sort((a, b) => (a.gameday < b.gameday ? -1 : a.gameday > b.gameday ? 1 : a.gameId < b.gameId ? -1 : 1));
}

/**
 * Feature matrix for `games` (must be chronological). Rolling team form is accumulated in the same pass, each
 * game's own result added only after its row is written.
 */
export function buildGameFeatures(games: readonly NflGame[]): DenseMatrix {
  const cols = GAME_FEATURES.length;
  const values = new Float64Array(games.length * cols).fill(NaN);
  const form = new Map<string, Array<{ pf: number; pa: number; ats: number }>>();
  const mean = (team: string, f: (g: { pf: number; pa: number; ats: number }) => number) => {
    const h = form.get(team);
    if (!h || h.length === 0) return NaN;
    const last = h.slice(-WINDOW);
    return last.reduce((s, g) => s + f(g), 0) / last.length;
  };
  games.forEach((g, r) => {
    const o = r * cols;
    const row = [
      g.spread, g.total, g.homeField, g.homeRest, g.awayRest, g.divisional, g.indoors, g.wind, g.temp, g.postseason ? 1 : 0,
      mean(g.home, (x) => x.pf), mean(g.home, (x) => x.pa), mean(g.away, (x) => x.pf), mean(g.away, (x) => x.pa),
      mean(g.home, (x) => x.ats), mean(g.away, (x) => x.ats),
    ];
    for (let k = 0; k < cols; k++) values[o + k] = row[k]!;
    if (Number.isFinite(g.homeScore) && Number.isFinite(g.awayScore)) {
      const margin = g.homeScore - g.awayScore;
      const spread = Number.isFinite(g.spread) ? g.spread : 0;
      push(form, g.home, { pf: g.homeScore, pa: g.awayScore, ats: margin - spread });
      push(form, g.away, { pf: g.awayScore, pa: g.homeScore, ats: -margin + spread });
    }
  });
  return { values, rows: games.length, cols };
}

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const a = m.get(k);
  if (a) a.push(v);
  else m.set(k, [v]);
}
