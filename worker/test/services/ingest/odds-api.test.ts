/**
 * Live odds in The Odds API v4 format (hand-made fixtures, see fixtures/odds-api/README.md): identity through
 * aliases only, append-only snapshots that skip unchanged prices, player props, rejects with reasons; then the
 * HTTP polling path against a local node:http server that fails once with a 500 and once with a stalled
 * response (retried with backoff, bounded) and never sees its API key in our records; and a provider that keeps
 * failing one event's props (the rest of the poll kept, the failure a reject of the run) or a sport's list.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase, type FreshDb } from '../../../../scripts/test/fresh-db.ts';
import { HttpError } from '../../../src/services/ingest/http.ts';
import { ingestNflverseGames } from '../../../src/services/ingest/nflverse/games.ts';
import { ingestNflverseWeekly } from '../../../src/services/ingest/nflverse/weekly.ts';
import { ingestOddsApi, pollOdds } from '../../../src/services/ingest/odds-api/ingest.ts';
import { listIngestionRejects } from '../../../src/services/ingest/runs.ts';
import type { IngestFile } from '../../../src/services/ingest/types.ts';
import { ctxFor, SHARED, sharedFiles } from './helpers.ts';

const FIX = join(import.meta.dirname, 'fixtures/odds-api');
const file = (name: string): IngestFile => ({ name, text: readFileSync(join(FIX, name), 'utf8') });

async function withNflSchedule(fresh: FreshDb) {
  const ctx = ctxFor(fresh);
  await ingestNflverseGames({ ctx, input: { files: sharedFiles('nfl_games') } });
  await ingestNflverseWeekly({
    ctx,
    input: { files: [{ name: 'weekly_2019.csv', text: readFileSync(join(SHARED, 'nfl_player_weekly/weekly_2019.csv'), 'utf8') }] },
  });
}

const reasons = async (fresh: FreshDb, runId: number) =>
  (await listIngestionRejects({ ctx: ctxFor(fresh), input: { runId, limit: 50 } })).map((r) => r.reason);

describe('odds-API payloads', () => {
  let fresh: FreshDb;
  const q = async <T>(query: ReturnType<typeof sql>) => ((await fresh.db.execute(query)) as unknown as { rows: T[] }).rows;
  beforeAll(async () => {
    fresh = await freshDatabase(inject('stack'));
    await withNflSchedule(fresh);
  });
  afterAll(async () => {
    await fresh?.drop();
  });

  it('appends prices for known teams, resolves relocated names, rejects unknown teams and odds <= 1', async () => {
    const s = await ingestOddsApi({ ctx: ctxFor(fresh), input: { files: [file('nfl-odds.json')] } });
    expect(s).toMatchObject({ inserted: 9, updated: 0, unchanged: 0, rejected: 2, failedFiles: 0 });
    expect(await reasons(fresh, s.runId)).toEqual([
      'invalid price 1 for fanduel h2h Chicago Bears (decimal odds must be > 1)',
      'unknown team "Gotham Rogues" for source odds-api (no alias in team_aliases)',
    ]);
    const rows = await q<{ key: string; book: string; market: string; selection: string; line: number | null; price: number }>(sql`
      SELECT f.natural_key AS key, b.key AS book, o.market, o.selection, o.line, o.price FROM odds_snapshots o
      JOIN fixtures f ON f.id = o.fixture_id JOIN bookmakers b ON b.id = o.bookmaker_id
      WHERE o.source = 'odds-api' ORDER BY 1, 2, 3, 4`);
    expect(rows).toEqual([
      { key: '2019_01_DEN_OAK', book: 'draftkings', market: 'moneyline', selection: 'away', line: null, price: 2.05 },
      { key: '2019_01_DEN_OAK', book: 'draftkings', market: 'moneyline', selection: 'home', line: null, price: 1.8 },
      { key: '2019_01_GB_CHI', book: 'draftkings', market: 'game_total', selection: 'over', line: 46.5, price: 1.87 },
      { key: '2019_01_GB_CHI', book: 'draftkings', market: 'game_total', selection: 'under', line: 46.5, price: 1.95 },
      { key: '2019_01_GB_CHI', book: 'draftkings', market: 'moneyline', selection: 'away', line: null, price: 2.55 },
      { key: '2019_01_GB_CHI', book: 'draftkings', market: 'moneyline', selection: 'home', line: null, price: 1.57 },
      { key: '2019_01_GB_CHI', book: 'draftkings', market: 'spread', selection: 'away', line: 3.5, price: 1.91 },
      { key: '2019_01_GB_CHI', book: 'draftkings', market: 'spread', selection: 'home', line: -3.5, price: 1.91 },
      { key: '2019_01_GB_CHI', book: 'fanduel', market: 'moneyline', selection: 'away', line: null, price: 2.6 },
    ]);
    const [teams] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM teams WHERE sport = 'nfl'`);
    expect(teams!.n).toBe(32); // "Gotham Rogues" did not become a team
  });

  it('does not duplicate unchanged prices and appends only the one that moved', async () => {
    const same = await ingestOddsApi({ ctx: ctxFor(fresh), input: { files: [file('nfl-odds.json')] } });
    expect(same).toMatchObject({ inserted: 0, updated: 0, unchanged: 9 });
    const moved = await ingestOddsApi({ ctx: ctxFor(fresh), input: { files: [file('nfl-odds-moved.json')] } });
    expect(moved).toMatchObject({ inserted: 1, unchanged: 8 });
    const hist = await q<{ price: number; at: string }>(sql`
      SELECT o.price, to_char(o.captured_at AT TIME ZONE 'UTC', 'HH24:MI') AS at FROM odds_snapshots o
      JOIN fixtures f ON f.id = o.fixture_id JOIN bookmakers b ON b.id = o.bookmaker_id
      WHERE f.natural_key = '2019_01_GB_CHI' AND b.key = 'draftkings' AND o.market = 'moneyline' AND o.selection = 'home'
      ORDER BY o.captured_at`);
    expect(hist).toEqual([{ price: 1.57, at: '18:00' }, { price: 1.6, at: '18:01' }]);
  });

  it('stores player props against the right players and rejects unknown or ambiguous names', async () => {
    const s = await ingestOddsApi({ ctx: ctxFor(fresh), input: { files: [file('nfl-event-props.json')] } });
    expect(s).toMatchObject({ inserted: 6, rejected: 2 });
    expect(await reasons(fresh, s.runId)).toEqual([
      expect.stringMatching(/^unknown player "Nobody Atall"/),
      expect.stringMatching(/^ambiguous player "Ryan Griffin" \(2 players share the name/),
    ]);
    const props = await q<{ ext: string; prop: string; selection: string; line: number; price: number }>(sql`
      SELECT p.external_id AS ext, o.prop, o.selection, o.line, o.price FROM odds_snapshots o JOIN players p ON p.id = o.player_id
      WHERE o.market = 'player_prop' ORDER BY 1, 3`);
    expect(props).toEqual([
      { ext: '00-0023459', prop: 'pass_yds', selection: 'over', line: 254.5, price: 1.87 },
      { ext: '00-0023459', prop: 'pass_yds', selection: 'under', line: 254.5, price: 1.93 },
      { ext: '00-0031381', prop: 'reception_yds', selection: 'over', line: 80.5, price: 1.85 },
      { ext: '00-0031381', prop: 'reception_yds', selection: 'under', line: 80.5, price: 1.95 },
      { ext: '00-0033869', prop: 'pass_yds', selection: 'over', line: 229.5, price: 1.9 },
      { ext: '00-0033869', prop: 'pass_yds', selection: 'under', line: 229.5, price: 1.9 },
    ]);
  });

  it('maps full EPL names to our teams and creates the scheduled fixture under the football-data key', async () => {
    const s = await ingestOddsApi({ ctx: ctxFor(fresh), input: { files: [file('epl-odds.json')] } });
    expect(s).toMatchObject({ inserted: 1 + 7, rejected: 0 });
    const [f] = await q<{ key: string; status: string; home: string; away: string; fd: string }>(sql`
      SELECT f.natural_key AS key, f.status, h.name AS home, a.name AS away,
        (SELECT alias FROM team_aliases WHERE team_id = h.id AND source = 'football-data') AS fd
      FROM fixtures f JOIN teams h ON h.id = f.home_team_id JOIN teams a ON a.id = f.away_team_id WHERE f.sport = 'soccer'`);
    expect(f).toMatchObject({ status: 'scheduled', home: 'Manchester United', away: 'Tottenham Hotspur', fd: 'Man United' });
    expect(f!.key).toMatch(/^E0:2026\/27:\d+:\d+$/);
    const ah = await q<{ selection: string; line: number }>(sql`
      SELECT selection, line FROM odds_snapshots WHERE market = 'asian_handicap' ORDER BY selection`);
    expect(ah).toEqual([{ selection: 'away', line: 0.25 }, { selection: 'home', line: -0.25 }]);
  });

  it('aborts a file that is not an odds-API response', async () => {
    const s = await ingestOddsApi({
      ctx: ctxFor(fresh),
      input: { files: [{ name: 'cut.json', text: file('nfl-odds.json').text.slice(0, 300) }, { name: 'csv.json', text: 'a,b\n1,2\n' }] },
    });
    expect(s.failedFiles).toBe(2);
    expect(s.outcomes.map((o) => o.error)).toEqual([
      expect.stringMatching(/^not JSON \(truncated or not an odds-API response\)/),
      expect.stringMatching(/^not JSON/),
    ]);
  });
});

describe('polling over HTTP', () => {
  let fresh: FreshDb;
  let server: Server;
  let base: string;
  const hits = new Map<string, number>();
  const keys = new Set<string>();
  const SECRET = 'test-secret-key-123';

  beforeAll(async () => {
    fresh = await freshDatabase(inject('stack'));
    await withNflSchedule(fresh);
    const events = JSON.parse(file('nfl-odds.json').text) as { id: string }[];
    server = createServer((req, res) => {
      const u = new URL(req.url!, 'http://x');
      const n = (hits.get(u.pathname) ?? 0) + 1;
      hits.set(u.pathname, n);
      keys.add(u.searchParams.get('apiKey') ?? '');
      const send = (status: number, body: string) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body);
      };
      if (u.pathname === '/v4/sports/americanfootball_nfl/odds') {
        if (n === 1) return send(500, '{"message":"internal error"}');
        return send(200, file('nfl-odds.json').text);
      }
      if (u.pathname === '/v4/sports/americanfootball_nfl/events/handmade0001gbchi/odds') {
        if (n === 1) {
          // Stall well past the client's timeout before answering.
          const t = setTimeout(() => send(200, file('nfl-event-props.json').text), 3000);
          res.on('close', () => clearTimeout(t));
          return;
        }
        return send(200, file('nfl-event-props.json').text);
      }
      const m = /^\/v4\/sports\/americanfootball_nfl\/events\/([^/]+)\/odds$/.exec(u.pathname);
      const ev = m && events.find((e) => e.id === m[1]);
      if (ev) return send(200, JSON.stringify({ ...ev, bookmakers: [] }));
      return send(500, '{"message":"always failing"}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await fresh?.drop();
  });

  it('retries a 500 and a stalled response, then ingests odds and props', async () => {
    const s = await pollOdds({
      ctx: ctxFor(fresh),
      input: {
        baseUrl: base,
        apiKey: SECRET,
        sport: 'americanfootball_nfl',
        propMarkets: ['player_pass_yds', 'player_reception_yds'],
        retry: { attempts: 3, baseDelayMs: 20, maxDelayMs: 100, timeoutMs: 400 },
      },
    });
    expect(hits.get('/v4/sports/americanfootball_nfl/odds')).toBe(2);
    expect(hits.get('/v4/sports/americanfootball_nfl/events/handmade0001gbchi/odds')).toBe(2);
    expect(keys).toEqual(new Set([SECRET]));
    // 9 game prices + 6 props; rejects: price 1.0, unknown team (twice: list and its event call), 2 players.
    expect(s).toMatchObject({ files: 4, inserted: 15, rejected: 5, failedFiles: 0 });
    const files = await fresh.db.execute(sql`SELECT DISTINCT file FROM ingestion_rejects`);
    const names = (files as unknown as { rows: { file: string }[] }).rows.map((r) => r.file);
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) {
      expect(n).not.toContain(SECRET);
      expect(n).toContain('apiKey=***');
    }
  });

  it('gives up after the bounded number of attempts', async () => {
    const before = hits.get('/v4/sports/soccer_epl/odds') ?? 0;
    const err = await pollOdds({
      ctx: ctxFor(fresh),
      input: { baseUrl: base, apiKey: SECRET, sport: 'soccer_epl', retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 50, timeoutMs: 400 } },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).message).toMatch(/failed after 3 attempts: HTTP 500/);
    expect((err as HttpError).message).not.toContain(SECRET);
    expect((hits.get('/v4/sports/soccer_epl/odds') ?? 0) - before).toBe(3);
  });
});

describe('a poll whose provider fails some requests', () => {
  let fresh: FreshDb;
  let server: Server;
  let base: string;
  const SECRET = 'test-secret-key-456';
  const FAILING_EVENT = 'handmade0002denoak';
  const retry = { attempts: 2, baseDelayMs: 10, maxDelayMs: 20, timeoutMs: 400 };

  beforeAll(async () => {
    fresh = await freshDatabase(inject('stack'));
    await withNflSchedule(fresh);
    const events = JSON.parse(file('nfl-odds.json').text) as { id: string }[];
    // The provider stand-in: the NFL list and one event's props answer; one event's props and the EPL list always 503.
    server = createServer((req, res) => {
      const u = new URL(req.url!, 'http://x');
      const send = (status: number, body: string) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body);
      };
      if (u.pathname === '/v4/sports/americanfootball_nfl/odds') return send(200, file('nfl-odds.json').text);
      if (u.pathname === '/v4/sports/americanfootball_nfl/events/handmade0001gbchi/odds') return send(200, file('nfl-event-props.json').text);
      if (u.pathname === `/v4/sports/americanfootball_nfl/events/${FAILING_EVENT}/odds`) return send(503, '{"message":"upstream unavailable"}');
      const m = /^\/v4\/sports\/americanfootball_nfl\/events\/([^/]+)\/odds$/.exec(u.pathname);
      const ev = m && events.find((e) => e.id === m[1]);
      if (ev) return send(200, JSON.stringify({ ...ev, bookmakers: [] }));
      return send(503, '{"message":"upstream unavailable"}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await fresh?.drop();
  });

  const runRow = async (runId: number) =>
    ((await fresh.db.execute(sql`SELECT status, error FROM ingestion_runs WHERE id = ${runId}`)) as unknown as { rows: { status: string; error: string | null }[] }).rows[0]!;

  it('keeps the odds and the other events’ props when one event’s props request fails, and records it as a reject', async () => {
    const s = await pollOdds({
      ctx: ctxFor(fresh),
      input: { baseUrl: base, apiKey: SECRET, sport: 'americanfootball_nfl', propMarkets: ['player_pass_yds', 'player_reception_yds'], retry },
    });
    // The 9 game prices and gbchi's 6 props are in; only the failing event's URL is lost.
    expect(s).toMatchObject({ files: 4, inserted: 15, failedFiles: 1 });
    const failed = s.outcomes.filter((o) => o.error);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.name).toContain(`/events/${FAILING_EVENT}/odds`);
    const all = await reasons(fresh, s.runId);
    const fetchRejects = all.filter((r) => r.includes('fetch failed'));
    expect(fetchRejects).toEqual([expect.stringMatching(new RegExp(`^file aborted: fetch failed: GET .*/events/${FAILING_EVENT}/odds.* failed after 2 attempts: HTTP 503`))]);
    expect(fetchRejects[0]).not.toContain(SECRET);
    // The run says it was incomplete, and why.
    const run = await runRow(s.runId);
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/1 of 4 file\(s\) aborted/);
    expect(run.error).toContain(FAILING_EVENT);
    const props = (await fresh.db.execute(sql`SELECT count(*)::int AS n FROM odds_snapshots WHERE market = 'player_prop'`)) as unknown as { rows: { n: number }[] };
    expect(props.rows[0]!.n).toBe(6);
  });

  it('records a sport whose odds request fails as a run with its reject, then throws for the caller', async () => {
    const err = await pollOdds({ ctx: ctxFor(fresh), input: { baseUrl: base, apiKey: SECRET, sport: 'soccer_epl', retry } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    const latest = ((await fresh.db.execute(sql`SELECT id FROM ingestion_runs WHERE source = 'odds-api' ORDER BY id DESC LIMIT 1`)) as unknown as { rows: { id: number }[] }).rows[0];
    expect(latest).toBeDefined();
    expect(await reasons(fresh, latest!.id)).toEqual([expect.stringMatching(/^file aborted: fetch failed: GET .*\/v4\/sports\/soccer_epl\/odds.* failed after 2 attempts: HTTP 503/)]);
    expect((await runRow(latest!.id)).status).toBe('failed');
    expect(JSON.stringify(await reasons(fresh, latest!.id))).not.toContain(SECRET);
  });
});
