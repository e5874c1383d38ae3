/**
 * The Odds API v4 response shapes we read (validated with zod; unknown fields are ignored):
 * `GET /v4/sports/{sport}/odds` returns an array of events, `GET /v4/sports/{sport}/events/{id}/odds` one event
 * (player-prop markets such as `player_pass_yds` carry the player's name in `description`).
 */
import { z } from 'zod';

/** One outcome of a market: name, decimal price, line (`point`) and, for player props, the player (`description`). */
export const outcomeSchema = z.object({
  name: z.string().min(1),
  price: z.number(),
  point: z.number().optional(),
  description: z.string().optional(),
});

/** One market of a bookmaker (`h2h`, `spreads`, `player_pass_yds`…) and when the bookmaker last updated it. */
export const marketSchema = z.object({
  key: z.string().min(1),
  last_update: z.iso.datetime({ offset: true }).optional(),
  outcomes: z.array(outcomeSchema),
});

/** One bookmaker's markets of an event. */
export const bookmakerSchema = z.object({
  key: z.string().min(1),
  title: z.string().min(1),
  last_update: z.iso.datetime({ offset: true }),
  markets: z.array(marketSchema),
});

/** One event (game) with every bookmaker's markets. */
export const eventSchema = z.object({
  id: z.string().min(1),
  sport_key: z.string().min(1),
  sport_title: z.string().optional(),
  commence_time: z.iso.datetime({ offset: true }),
  home_team: z.string().min(1),
  away_team: z.string().min(1),
  bookmakers: z.array(bookmakerSchema).default([]),
});

export type OddsApiEvent = z.infer<typeof eventSchema>;

/** sport_key → our competition (code and sport). */
export const SPORT_KEYS: Record<string, { sport: 'soccer' | 'nfl'; code: string; name: string; country: string }> = {
  americanfootball_nfl: { sport: 'nfl', code: 'NFL', name: 'National Football League', country: 'USA' },
  soccer_epl: { sport: 'soccer', code: 'E0', name: 'Premier League', country: 'England' },
  soccer_efl_champ: { sport: 'soccer', code: 'E1', name: 'Championship', country: 'England' },
  soccer_spain_la_liga: { sport: 'soccer', code: 'SP1', name: 'La Liga', country: 'Spain' },
  soccer_germany_bundesliga: { sport: 'soccer', code: 'D1', name: 'Bundesliga', country: 'Germany' },
  soccer_italy_serie_a: { sport: 'soccer', code: 'I1', name: 'Serie A', country: 'Italy' },
  soccer_france_ligue_one: { sport: 'soccer', code: 'F1', name: 'Ligue 1', country: 'France' },
};
