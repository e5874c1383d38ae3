/** Shared bits of the football-data adapter: source name, league names, season labels, the row type. */
import type { FootballDataFixture } from '@fairline/ml/data/football-data';

/** A row of a file: played (with goals) or upcoming (fixtures-file rows, no score yet). */
export type FdRow = FootballDataFixture & { homeGoals?: number; awayGoals?: number };

/** The source name football-data's team aliases and odds snapshots are stored under. */
export const FOOTBALL_DATA_SOURCE = 'football-data';

/** football-data.co.uk division codes → league name and country (the site's notes.txt). */
export const LEAGUES: Record<string, { name: string; country: string }> = {
  E0: { name: 'Premier League', country: 'England' },
  E1: { name: 'Championship', country: 'England' },
  E2: { name: 'League One', country: 'England' },
  E3: { name: 'League Two', country: 'England' },
  SC0: { name: 'Scottish Premiership', country: 'Scotland' },
  D1: { name: 'Bundesliga', country: 'Germany' },
  D2: { name: '2. Bundesliga', country: 'Germany' },
  SP1: { name: 'La Liga', country: 'Spain' },
  SP2: { name: 'Segunda División', country: 'Spain' },
  I1: { name: 'Serie A', country: 'Italy' },
  I2: { name: 'Serie B', country: 'Italy' },
  F1: { name: 'Ligue 1', country: 'France' },
  F2: { name: 'Ligue 2', country: 'France' },
  N1: { name: 'Eredivisie', country: 'Netherlands' },
  B1: { name: 'Jupiler League', country: 'Belgium' },
  P1: { name: 'Primeira Liga', country: 'Portugal' },
  T1: { name: 'Süper Lig', country: 'Turkey' },
  G1: { name: 'Super League', country: 'Greece' },
};

/** Season label ('2019/20') of a match date: seasons run July to June. */
export function seasonOf(isoDate: string): string {
  const y = Number(isoDate.slice(0, 4));
  const m = Number(isoDate.slice(5, 7));
  const start = m >= 7 ? y : y - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

