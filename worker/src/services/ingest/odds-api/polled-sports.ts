/** What the odds polling tick asks The Odds API for: its origin, and the sports (with player props for the NFL). */

/** The Odds API's origin (v4 endpoints below it). */
export const ODDS_API_BASE = 'https://api.the-odds-api.com';

/** Sports polled every tick, by the API's sport key; `propMarkets` are fetched per event (NFL player props). */
export const ODDS_SPORTS: { sport: string; propMarkets?: string[] }[] = [
  { sport: 'soccer_epl' },
  {
    sport: 'americanfootball_nfl',
    propMarkets: ['player_pass_yds', 'player_rush_yds', 'player_reception_yds', 'player_receptions'],
  },
];
