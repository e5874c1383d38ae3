/**
 * The nfldata games file as (a) a list of games with their closing-style lines and results and (b) a lookup
 * of each team's pre-game market context for a given season and week. Lines are known before kickoff, so
 * they are legitimate features for that same game.
 *
 * Conventions (nfldata): `spread_line` is the home team's spread with positive = home favoured; `result` is
 * home − away points. The implied team total splits the game total by the spread:
 * home = (total + spread) / 2, away = (total − spread) / 2.
 */
import { parseCsv } from '../data/csv.ts';
import { canonicalTeam } from './teams.ts';

export interface NflGame {
  gameId: string;
  season: number;
  week: number;
  postseason: boolean;
  gameday: string;
  home: string;
  away: string;
  /** 1 when played at the home team's stadium, 0 at a neutral site (context home flag is then 0.5 for both). */
  homeField: number;
  homeScore: number;
  awayScore: number;
  /** Home spread, positive = home favoured (NaN when missing). */
  spread: number;
  total: number;
  homeMoneyline: number;
  awayMoneyline: number;
  homeRest: number;
  awayRest: number;
  divisional: number;
  /** 1 under a fixed or closed roof, 0 outdoors or open. */
  indoors: number;
  /** Game-time wind (mph) and temperature (°F) as recorded; NaN indoors or when missing. */
  wind: number;
  temp: number;
}

/** One team's view of a game before kickoff. */
export interface TeamContext {
  /** nflverse game_id (the fixtures' natural key). */
  gameId: string;
  opponent: string;
  home: number;
  /** Positive = this team favoured by that many points. */
  spread: number;
  total: number;
  impliedTotal: number;
  rest: number;
  opponentRest: number;
  indoors: number;
  wind: number;
  temp: number;
}

const num = (s: string | undefined) => (s === undefined || s === '' ? NaN : Number(s));

/**
 * Parses nfldata games CSV texts (one per file) into games; empty cells become NaN and team abbreviations
 * are canonicalised (teams.ts) so they join the weekly player file.
 */
export function parseGames(texts: readonly string[]): NflGame[] {
  const out: NflGame[] = [];
  for (const text of texts) {
    const { header, rows } = parseCsv(text);
    const c = (name: string) => {
      const i = header.indexOf(name);
      if (i < 0) throw new Error(`games: missing column ${name}`);
      return i;
    };
    const ix = {
      id: c('game_id'), season: c('season'), type: c('game_type'), week: c('week'), day: c('gameday'),
      away: c('away_team'), home: c('home_team'), as: c('away_score'), hs: c('home_score'), loc: c('location'),
      spread: c('spread_line'), total: c('total_line'), hml: c('home_moneyline'), aml: c('away_moneyline'),
      hr: c('home_rest'), ar: c('away_rest'), div: c('div_game'), roof: c('roof'), wind: c('wind'), temp: c('temp'),
    };
    for (const r of rows) {
      out.push({
        gameId: r[ix.id]!,
        season: Number(r[ix.season]),
        week: Number(r[ix.week]),
        postseason: r[ix.type] !== 'REG',
        gameday: r[ix.day]!,
        home: canonicalTeam(r[ix.home]!),
        away: canonicalTeam(r[ix.away]!),
        homeField: r[ix.loc] === 'Neutral' ? 0 : 1,
        homeScore: num(r[ix.hs]),
        awayScore: num(r[ix.as]),
        spread: num(r[ix.spread]),
        total: num(r[ix.total]),
        homeMoneyline: num(r[ix.hml]),
        awayMoneyline: num(r[ix.aml]),
        homeRest: num(r[ix.hr]),
        awayRest: num(r[ix.ar]),
        divisional: num(r[ix.div]) || 0,
        indoors: r[ix.roof] === 'dome' || r[ix.roof] === 'closed' ? 1 : 0,
        wind: num(r[ix.wind]),
        temp: num(r[ix.temp]),
      });
    }
  }
  return out;
}

/** Key of a team's pre-game context in `teamContexts`' map: `season:week:team`. */
export const contextKey = (season: number, week: number, team: string) => `${season}:${week}:${team}`;

/** Index every team's pre-game context by season:week:team. */
export function teamContexts(games: readonly NflGame[]): Map<string, TeamContext> {
  const m = new Map<string, TeamContext>();
  for (const g of games) {
    const half = g.total / 2;
    const weather = { indoors: g.indoors, wind: g.wind, temp: g.temp };
    m.set(contextKey(g.season, g.week, g.home), {
      gameId: g.gameId, opponent: g.away, home: g.homeField ? 1 : 0.5, spread: g.spread, total: g.total,
      impliedTotal: half + g.spread / 2, rest: g.homeRest, opponentRest: g.awayRest, ...weather,
    });
    m.set(contextKey(g.season, g.week, g.away), {
      gameId: g.gameId, opponent: g.home, home: g.homeField ? 0 : 0.5, spread: -g.spread, total: g.total,
      impliedTotal: half - g.spread / 2, rest: g.awayRest, opponentRest: g.homeRest, ...weather,
    });
  }
  return m;
}
