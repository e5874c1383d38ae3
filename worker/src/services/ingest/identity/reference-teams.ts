/**
 * Our own hand-written reference of team identities (not copied from any source): the canonical name of each
 * team and how each source spells it. Sources of record (football-data.co.uk, nflverse) may register teams
 * that are missing here; every other source (the odds API) resolves ONLY through these aliases, and an
 * unknown name is rejected. NFL teams are franchises: a relocated team keeps its identity (SD → LAC,
 * STL → LA, OAK → LV), and every historical name maps to the franchise's canonical (current) name.
 */
import type { Sport } from '@fairline/db';

export interface ReferenceTeam {
  sport: Sport;
  canonical: string;
  short: string;
  /** Aliases per source. The canonical name is always also an alias for 'odds-api'. */
  aliases: Partial<Record<'football-data' | 'nflverse' | 'odds-api', string[]>>;
}

// [canonical, football-data spelling, extra odds-api spellings]
const SOCCER_ENGLAND: [string, string, string[]][] = [
  ['Arsenal', 'Arsenal', []],
  ['Aston Villa', 'Aston Villa', []],
  ['Barnsley', 'Barnsley', []],
  ['Birmingham City', 'Birmingham', []],
  ['Blackburn Rovers', 'Blackburn', []],
  ['Blackpool', 'Blackpool', []],
  ['Bolton Wanderers', 'Bolton', []],
  ['AFC Bournemouth', 'Bournemouth', ['Bournemouth']],
  ['Brentford', 'Brentford', []],
  ['Brighton and Hove Albion', 'Brighton', ['Brighton & Hove Albion']],
  ['Burnley', 'Burnley', []],
  ['Cardiff City', 'Cardiff', []],
  ['Charlton Athletic', 'Charlton', []],
  ['Chelsea', 'Chelsea', []],
  ['Crystal Palace', 'Crystal Palace', []],
  ['Derby County', 'Derby', []],
  ['Doncaster Rovers', 'Doncaster', []],
  ['Everton', 'Everton', []],
  ['Fulham', 'Fulham', []],
  ['Huddersfield Town', 'Huddersfield', []],
  ['Hull City', 'Hull', []],
  ['Ipswich Town', 'Ipswich', []],
  ['Leeds United', 'Leeds', []],
  ['Leicester City', 'Leicester', []],
  ['Liverpool', 'Liverpool', []],
  ['Luton Town', 'Luton', []],
  ['Manchester City', 'Man City', []],
  ['Manchester United', 'Man United', []],
  ['Middlesbrough', 'Middlesbrough', []],
  ['Millwall', 'Millwall', []],
  ['Newcastle United', 'Newcastle', []],
  ['Norwich City', 'Norwich', []],
  ['Nottingham Forest', "Nott'm Forest", []],
  ['Portsmouth', 'Portsmouth', []],
  ['Queens Park Rangers', 'QPR', []],
  ['Reading', 'Reading', []],
  ['Rotherham United', 'Rotherham', []],
  ['Sheffield United', 'Sheffield United', []],
  ['Sheffield Wednesday', 'Sheffield Weds', []],
  ['Southampton', 'Southampton', []],
  ['Stoke City', 'Stoke', []],
  ['Sunderland', 'Sunderland', []],
  ['Swansea City', 'Swansea', []],
  ['Tottenham Hotspur', 'Tottenham', []],
  ['Watford', 'Watford', []],
  ['West Bromwich Albion', 'West Brom', []],
  ['West Ham United', 'West Ham', []],
  ['Wigan Athletic', 'Wigan', []],
  ['Wolverhampton Wanderers', 'Wolves', []],
  ['Yeovil Town', 'Yeovil', []],
];

// [canonical (current franchise name), nflverse abbreviations, extra odds-api names (historical)]
const NFL: [string, string[], string[]][] = [
  ['Arizona Cardinals', ['ARI'], []],
  ['Atlanta Falcons', ['ATL'], []],
  ['Baltimore Ravens', ['BAL'], []],
  ['Buffalo Bills', ['BUF'], []],
  ['Carolina Panthers', ['CAR'], []],
  ['Chicago Bears', ['CHI'], []],
  ['Cincinnati Bengals', ['CIN'], []],
  ['Cleveland Browns', ['CLE'], []],
  ['Dallas Cowboys', ['DAL'], []],
  ['Denver Broncos', ['DEN'], []],
  ['Detroit Lions', ['DET'], []],
  ['Green Bay Packers', ['GB'], []],
  ['Houston Texans', ['HOU'], []],
  ['Indianapolis Colts', ['IND'], []],
  ['Jacksonville Jaguars', ['JAX', 'JAC'], []],
  ['Kansas City Chiefs', ['KC'], []],
  ['Las Vegas Raiders', ['LV', 'OAK'], ['Oakland Raiders']],
  ['Los Angeles Chargers', ['LAC', 'SD'], ['San Diego Chargers']],
  ['Los Angeles Rams', ['LA', 'LAR', 'STL'], ['St. Louis Rams', 'St Louis Rams']],
  ['Miami Dolphins', ['MIA'], []],
  ['Minnesota Vikings', ['MIN'], []],
  ['New England Patriots', ['NE'], []],
  ['New Orleans Saints', ['NO'], []],
  ['New York Giants', ['NYG'], []],
  ['New York Jets', ['NYJ'], []],
  ['Philadelphia Eagles', ['PHI'], []],
  ['Pittsburgh Steelers', ['PIT'], []],
  ['San Francisco 49ers', ['SF'], []],
  ['Seattle Seahawks', ['SEA'], []],
  ['Tampa Bay Buccaneers', ['TB'], []],
  ['Tennessee Titans', ['TEN'], []],
  ['Washington Commanders', ['WAS', 'WSH'], ['Washington Football Team', 'Washington Redskins', 'Washington']],
];

/** Every reference team (English soccer, NFL franchises) with its aliases per source. */
export const REFERENCE_TEAMS: readonly ReferenceTeam[] = [
  ...SOCCER_ENGLAND.map(([canonical, fd, extra]) => ({
    sport: 'soccer' as const,
    canonical,
    short: fd,
    aliases: { 'football-data': [fd], 'odds-api': [canonical, ...extra] },
  })),
  ...NFL.map(([canonical, abbrs, extra]) => ({
    sport: 'nfl' as const,
    canonical,
    short: abbrs[0]!,
    aliases: { nflverse: abbrs, 'odds-api': [canonical, ...extra] },
  })),
];
