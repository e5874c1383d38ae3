/**
 * The cron jobs over the ingestion verbs, with the context's `fetch` standing in for the providers (it serves
 * the shared files under the providers' URL layout and 404s the rest), on a fresh database, and a recording
 * room publisher standing in for the LIVE_ROOM binding (the pushes themselves are tested inside workerd).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase, type FreshDb } from '../../../../scripts/test/fresh-db.ts';
import { dailyResultsJob } from '../../../src/jobs/daily-results.ts';
import { pollOddsJob } from '../../../src/jobs/poll-odds.ts';
import { silentLogger } from '../../../src/lib/logger.ts';
import type { RoomEvent } from '../../../src/rooms/protocol.ts';
import type { FixtureChangeSink } from '../../../src/pipeline/sink.ts';
import type { RoomPublisher } from '../../../src/rooms/publisher.ts';
import { currentSeasons } from '../../../src/services/ingest/daily-sources.ts';
import { acquireSourceLock } from '../../../src/services/ingest/lock.ts';
import { SHARED } from './helpers.ts';

let fresh: FreshDb;
beforeAll(async () => {
  fresh = await freshDatabase(inject('stack'));
});
afterAll(async () => {
  await fresh?.drop();
});

const shared = (rel: string) => readFileSync(join(SHARED, rel), 'utf8');
const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures/odds-api', name), 'utf8');

function providerFetch(routes: Record<string, () => string>, seen: string[]): typeof fetch {
  return (async (input: string | URL | Request) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    seen.push(url.href);
    const route = Object.entries(routes).find(([suffix]) => url.pathname.endsWith(suffix));
    return route ? new Response(route[1](), { status: 200 }) : new Response('not found', { status: 404 });
  }) as typeof fetch;
}

const q = async <T>(query: ReturnType<typeof sql>) => ((await fresh.db.execute(query)) as unknown as { rows: T[] }).rows;

/** A verb context over the suite's database, at a fixed clock, fetching from a recorded provider. */
const jobCtx = (at: string, fetch: typeof globalThis.fetch) => ({
  db: fresh.db,
  read: fresh.db,
  cache: null,
  logger: silentLogger,
  clock: () => new Date(at),
  fetch,
});

/** A room publisher that records what it was asked to send: one entry per call. */
function recordingRooms(): { rooms: RoomPublisher; sent: { room: string; events: RoomEvent[] }[] } {
  const sent: { room: string; events: RoomEvent[] }[] = [];
  return {
    sent,
    rooms: {
      publish: async (room, event) => void sent.push({ room, events: [event] }),
      publishMany: async (room, events) => void sent.push({ room, events }),
    },
  };
}

/** The recorded odds-API responses, by path suffix. */
const oddsRoutes = (): Record<string, () => string> => ({
  '/v4/sports/soccer_epl/odds': () => fixture('epl-odds.json'),
  '/v4/sports/americanfootball_nfl/odds': () => fixture('nfl-odds.json'),
  '/events/handmade0001gbchi/odds': () => fixture('nfl-event-props.json'),
  '/events/handmade0002denoak/odds': () => '{"id":"handmade0002denoak","sport_key":"americanfootball_nfl","commence_time":"2019-09-10T02:20:00Z","home_team":"Oakland Raiders","away_team":"Denver Broncos","bookmakers":[]}',
  '/events/handmade0003unknown/odds': () => '[]',
});

/** The odds API's price rows stored so far (what a push can find). */
const oddsApiRows = async () => (await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM odds_snapshots WHERE source = 'odds-api'`))[0]!.n;

describe('ingestion cron jobs', () => {
  it('derive the current seasons from the clock', () => {
    expect(currentSeasons(new Date('2019-11-01T00:00:00Z'))).toEqual({ footballData: '1920', nfl: 2019 });
    expect(currentSeasons(new Date('2020-02-01T00:00:00Z'))).toEqual({ footballData: '1920', nfl: 2019 });
    expect(currentSeasons(new Date('2026-08-01T00:00:00Z'))).toEqual({ footballData: '2627', nfl: 2026 });
  });

  it('daily results: ingests what it could fetch and reports the rest as a failed tick', async () => {
    const seen: string[] = [];
    const ctx = jobCtx('2019-11-01T06:00:00Z', providerFetch(
        {
          '/mmz4281/1920/E0.csv': () => shared('soccer_football_data/E0/E0_2019-20.csv'),
          '/mmz4281/1920/F1.csv': () => shared('soccer_football_data/F1/F1_2019-20.csv'),
          '/data/games.csv': () => shared('nfl_games/games_1999-2019.csv'),
          '/player_stats_2019.csv': () => shared('nfl_player_weekly/weekly_2019.csv'),
        },
        seen,
      ),
    );
    const { rooms } = recordingRooms();
    const enqueued: { cause: string; ids: readonly number[] }[] = [];
    const changes: FixtureChangeSink = {
      enqueue: async (cause, ids) => {
        enqueued.push({ cause, ids });
        return Math.ceil(ids.length / 100);
      },
    };
    expect(await dailyResultsJob.run({ ctx, config: {}, rooms, changes })).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/daily ingestion: .*E1\.csv failed: HTTP 404/),
      // Every fixture it wrote is enqueued for the event pipeline, although a file failed.
      summary: { 'football-data': expect.any(String), 'nflverse-games': expect.any(String), 'nflverse-weekly': expect.any(String), messages: 63 },
    });
    expect(enqueued.map((e) => e.cause)).toEqual(['results']);
    const written = (await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM fixtures`))[0]!.n;
    expect(new Set(enqueued[0]!.ids).size).toBe(written);
    expect(seen.filter((u) => u.includes('/mmz4281/1920/'))).toHaveLength(6);
    const counts = await q<{ code: string; n: number }>(sql`
      SELECT c.code, count(*)::int AS n FROM fixtures f JOIN competitions c ON c.id = f.competition_id GROUP BY 1 ORDER BY 1`);
    expect(counts).toEqual([
      { code: 'E0', n: 380 },
      { code: 'F1', n: 279 },
      { code: 'NFL', n: 5583 },
    ]);
    const [stats] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM player_game_stats`);
    expect(stats!.n).toBe(5261);
  });

  it('odds polling: skipped without a key; with it one run per sport, then the changed prices pushed', async () => {
    const seen: string[] = [];
    const ctx = jobCtx('2019-09-05T18:30:00Z', providerFetch(oddsRoutes(), seen));
    const { rooms, sent } = recordingRooms();
    expect(await pollOddsJob.run({ ctx, config: {}, rooms })).toEqual({ status: 'skipped', reason: 'no ODDS_API_KEY bound' });
    expect(seen).toHaveLength(0);
    expect(sent).toHaveLength(0);

    const r = await pollOddsJob.run({ ctx, config: { ODDS_API_KEY: 'k' }, rooms });
    const changes = await oddsApiRows();
    expect(r).toEqual({
      status: 'ran',
      // Every stored price is new, pushed to its game's room and its sport's room (3 games, 2 sports).
      summary: { soccer_epl: '8+/0~/0=/0!', americanfootball_nfl: '15+/0~/0=/4!', changes, pushed: 2 * changes, rooms: 5, truncated: false },
    });
    expect(seen.every((u) => new URL(u).searchParams.get('apiKey') === 'k' && new URL(u).searchParams.get('oddsFormat') === 'decimal')).toBe(true);
    expect(sent.map((s) => s.room).sort()).toEqual([...new Set(sent.map((s) => s.room))].sort()); // one call per room
    expect(sent.filter((s) => s.room === 'soccer' || s.room === 'nfl').flatMap((s) => s.events)).toHaveLength(changes);
  });

  it('odds polling: a tick that finds the previous poll still running is skipped and pushes nothing', async () => {
    const ctx = jobCtx('2019-09-05T18:45:00Z', providerFetch(oddsRoutes(), []));
    const { rooms, sent } = recordingRooms();
    const held = await acquireSourceLock(fresh.db, 'odds-api', { wait: false, timeoutMs: 0 });
    try {
      expect(await pollOddsJob.run({ ctx, config: { ODDS_API_KEY: 'k' }, rooms })).toEqual({
        status: 'skipped',
        reason: 'previous poll still running',
      });
    } finally {
      await held.release();
    }
    expect(sent).toHaveLength(0);
  });

  it('odds polling: a sport that fails first does not cost the next sport its poll', async () => {
    // The EPL feed gone (404: not retried); the NFL feed answers.
    const nflOnly = Object.fromEntries(Object.entries(oddsRoutes()).filter(([path]) => !path.includes('soccer_epl')));
    const seen: string[] = [];
    const ctx = jobCtx('2019-09-05T19:10:00Z', providerFetch(nflOnly, seen));
    const { rooms } = recordingRooms();
    const r = await pollOddsJob.run({ ctx, config: { ODDS_API_KEY: 'k' }, rooms });
    expect(r).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/soccer_epl\/odds.* failed: HTTP 404/),
      summary: { soccer_epl: expect.stringMatching(/^failed: .*HTTP 404/), americanfootball_nfl: expect.stringMatching(/^\d+\+\/\d+~\/\d+=\/\d+!$/) },
    });
    expect(seen.some((u) => u.includes('/americanfootball_nfl/odds'))).toBe(true);
  });

  it('odds polling: a sport that fails after another committed fails the tick, after pushing what was committed', async () => {
    // EPL a bookmaker update later with the home price moved; the NFL feed gone (404: not retried).
    const moved = fixture('epl-odds.json').replace(/2026-11-21T10:00:00Z/g, '2026-11-21T11:00:00Z').replace('"price": 2.4', '"price": 2.5');
    const ctx = jobCtx('2019-09-05T19:00:00Z', providerFetch({ '/v4/sports/soccer_epl/odds': () => moved }, []));
    const { rooms, sent } = recordingRooms();
    const r = await pollOddsJob.run({ ctx, config: { ODDS_API_KEY: 'k' }, rooms });
    expect(r).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/americanfootball_nfl\/odds.* failed: HTTP 404/),
      summary: { soccer_epl: '1+/0~/6=/0!', changes: 1, pushed: 2, rooms: 2, truncated: false },
    });
    expect(sent.flatMap((s) => s.events)).toEqual([
      expect.objectContaining({ kind: 'odds', market: '1x2', selection: 'home', price: 2.5 }),
      expect.objectContaining({ kind: 'odds', market: '1x2', selection: 'home', price: 2.5 }),
    ]);
  });
});
