/**
 * Live odds in The Odds API v4 format → odds snapshots (append-only: a price is written only when it differs
 * from the latest one for the same selection, so polling an unchanged market writes nothing).
 *
 * Market mapping (selection names are ours): h2h → 1x2 (soccer: home/draw/away) or moneyline (NFL);
 * spreads/alternate_spreads → asian_handicap or spread (line = the selection's own handicap, as the API
 * gives it); totals/alternate_totals → totals or game_total (over/under); player_* → player_prop with
 * `prop` = the key without `player_`, selection over/under (or yes/no), line = point. Prices must be decimal
 * (request `oddsFormat=decimal`); a price ≤ 1 is a reject. Captured at the market's `last_update`.
 */
import { appendChangedOdds, ensureBookmakers, OddsBatch, type Market, type Tx } from '@fairline/db';
import type { Ctx } from '../../../context.ts';
import { ensureReferenceTeams, resolveTeams } from '../identity/teams.ts';
import { fetchTextWithRetry, redactUrl, type RetryPolicy } from '../http.ts';
import { isValidDecimal } from '../odds-format.ts';
import { runSource } from '../run-source.ts';
import {
  FileRejectedError,
  addCounts,
  zeroCounts,
  type IngestFile,
  type IngestInput,
  type IngestRunCtx,
  type Reject,
  type RunOptions,
  type RunSummary,
} from '../types.ts';
import { findOrCreateFixture, resolvePlayers } from './resolve.ts';
import { eventSchema, SPORT_KEYS, type OddsApiEvent } from './schema.ts';

/** The `source` of the odds snapshots (and the name of the ingestion source) the odds API writes. */
export const ODDS_API_SOURCE = 'odds-api';

/**
 * A polled response, or the URL whose fetch failed for good (`fetchError`): the failure is ingested as the file's
 * reject, so the run record says which request failed and why while the poll's other responses are kept.
 */
export interface PolledFile extends IngestFile {
  fetchError?: string | undefined;
}

/** Ingest recorded or fetched odds-API responses (each file: an event array or one event object). */
export async function ingestOddsApi({ ctx, input }: { ctx: IngestRunCtx; input: Omit<IngestInput, 'files'> & { files: readonly PolledFile[] } }): Promise<RunSummary> {
  const { files, ...opts } = input;
  const handle = async (tx: Tx, file: PolledFile) => {
    if (file.fetchError !== undefined) throw new FileRejectedError(`fetch failed: ${file.fetchError}`);
    return ingestPayload(tx, file);
  };
  return runSource(ctx, 'odds-api', files, handle, {
    ...opts,
    // In order, one at a time: whether a price is new depends on the snapshots written before it.
    concurrency: 1,
    prepare: async (tx) => {
      await ensureReferenceTeams(tx, 'soccer');
      await ensureReferenceTeams(tx, 'nfl');
    },
  });
}

/** What one polling tick fetches, and how the run goes (`waitForLock: false` for a cron tick). */
export interface PollOddsInput extends RunOptions {
  /** API root, e.g. the provider's https origin (no trailing slash); tests point it at a local server. */
  baseUrl: string;
  /** From a secret (ODDS_API_KEY); never logged. */
  apiKey: string;
  sport: string;
  regions?: string;
  markets?: string[];
  /** Player-prop markets fetched per event through the event-odds endpoint (NFL). */
  propMarkets?: string[];
  retry?: Partial<RetryPolicy>;
}

/**
 * One polling tick: fetch the sport's odds (and per-event props), then ingest them as one run. A per-event props
 * request that fails for good costs only that event's props: it becomes a reject of the run (`fetch failed: …`) and
 * the rest is ingested. When the sport's odds request itself fails there is nothing to ingest: the failure is still
 * recorded as a run with its reject, then the HttpError is thrown for the caller (the cron polls the next sport).
 */
export async function pollOdds({ ctx, input }: { ctx: IngestRunCtx & Pick<Ctx, 'fetch'>; input: PollOddsInput }): Promise<RunSummary> {
  const q = (markets: string[]) =>
    `apiKey=${encodeURIComponent(input.apiKey)}&regions=${encodeURIComponent(input.regions ?? 'us,uk,eu')}` +
    `&markets=${encodeURIComponent(markets.join(','))}&oddsFormat=decimal&dateFormat=iso`;
  const base = input.baseUrl.replace(/\/+$/, '');
  const sport = encodeURIComponent(input.sport);
  const url = `${base}/v4/sports/${sport}/odds?${q(input.markets ?? ['h2h', 'spreads', 'totals'])}`;
  const files: PolledFile[] = [];
  const { onProgress, waitForLock, lockTimeoutMs } = input;
  const onRetry = (a: number, why: string, ms: number) => ctx.logger.warn('odds-api: retrying', { url: redactUrl(url), attempt: a, why, delayMs: ms });
  let main: Awaited<ReturnType<typeof fetchTextWithRetry>>;
  try {
    main = await fetchTextWithRetry(ctx.fetch, url, input.retry, { onRetry });
  } catch (err) {
    const failed = { name: redactUrl(url), text: '', fetchError: errorText(err) };
    await ingestOddsApi({ ctx, input: { files: [failed], onProgress, waitForLock, lockTimeoutMs } }).catch((recordErr: unknown) =>
      ctx.logger.warn('odds-api: failed poll not recorded', { sport: input.sport, error: errorText(recordErr) }),
    );
    throw err;
  }
  files.push({ name: redactUrl(url), text: main.text });
  // The provider reports the remaining request quota on every response; log it so a cron can be tuned.
  const remaining = main.headers.get('x-requests-remaining');
  if (remaining !== null) ctx.logger.info('odds-api: quota', { sport: input.sport, remaining: Number(remaining) });
  if (input.propMarkets && input.propMarkets.length > 0) {
    let events: { id?: unknown }[] = [];
    try {
      events = JSON.parse(main.text) as { id?: unknown }[];
    } catch {
      events = [];
    }
    for (const e of Array.isArray(events) ? events : []) {
      if (typeof e.id !== 'string') continue;
      const eu = `${base}/v4/sports/${sport}/events/${encodeURIComponent(e.id)}/odds?${q(input.propMarkets)}`;
      try {
        const r = await fetchTextWithRetry(ctx.fetch, eu, input.retry);
        files.push({ name: redactUrl(eu), text: r.text });
      } catch (err) {
        // One event's props lost, not the poll: recorded as this URL's reject when the run is ingested.
        ctx.logger.warn('odds-api: event props fetch failed', { url: redactUrl(eu), error: errorText(err) });
        files.push({ name: redactUrl(eu), text: '', fetchError: errorText(err) });
      }
    }
  }
  return ingestOddsApi({ ctx, input: { files, onProgress, waitForLock, lockTimeoutMs } });
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

function marketOf(sport: 'soccer' | 'nfl', key: string): { market: Market; prop: string | null } | null {
  if (key === 'h2h') return { market: sport === 'soccer' ? '1x2' : 'moneyline', prop: null };
  if (key === 'spreads' || key === 'alternate_spreads') return { market: sport === 'soccer' ? 'asian_handicap' : 'spread', prop: null };
  if (key === 'totals' || key === 'alternate_totals') return { market: sport === 'soccer' ? 'totals' : 'game_total', prop: null };
  if (key === 'btts') return { market: 'btts', prop: null };
  if (key === 'draw_no_bet') return { market: 'draw_no_bet', prop: null };
  if (key.startsWith('player_')) return { market: 'player_prop', prop: key.slice('player_'.length).replace(/_alternate$/, '') };
  return null;
}

async function ingestPayload(tx: Tx, file: IngestFile) {
  let json: unknown;
  try {
    json = JSON.parse(file.text);
  } catch (err) {
    throw new FileRejectedError(`not JSON (truncated or not an odds-API response): ${err instanceof Error ? err.message : String(err)}`);
  }
  const list: unknown[] = Array.isArray(json) ? json : [json];
  if (!Array.isArray(json) && (typeof json !== 'object' || json === null || !('bookmakers' in json))) {
    throw new FileRejectedError('not an odds-API v4 odds response (expected an event array or an event with bookmakers)');
  }
  const rejects: Reject[] = [];
  const counts = zeroCounts();
  const events: { row: number; e: OddsApiEvent }[] = [];
  list.forEach((item, i) => {
    const r = eventSchema.safeParse(item);
    if (r.success) events.push({ row: i + 1, e: r.data });
    else {
      rejects.push({
        row: i + 1,
        raw: JSON.stringify(item).slice(0, 500),
        reason: `invalid event: ${r.error.issues.slice(0, 3).map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`,
      });
    }
  });
  if (list.length >= 4 && events.length * 2 < list.length) {
    throw new FileRejectedError(`${list.length - events.length} of ${list.length} events are invalid: not an odds-API v4 response`);
  }
  const batch = new OddsBatch(ODDS_API_SOURCE);
  for (const { row, e } of events) {
    const raw = JSON.stringify({ id: e.id, sport_key: e.sport_key, commence_time: e.commence_time, home_team: e.home_team, away_team: e.away_team });
    const comp = SPORT_KEYS[e.sport_key];
    if (!comp) {
      rejects.push({ row, raw, reason: `unsupported sport_key "${e.sport_key}"` });
      continue;
    }
    const teams = await resolveTeams(tx, comp.sport, ODDS_API_SOURCE, [e.home_team, e.away_team]);
    const missing = [e.home_team, e.away_team].filter((n) => !teams.has(n));
    if (missing.length > 0) {
      rejects.push({ row, raw, reason: `unknown team ${missing.map((n) => `"${n}"`).join(', ')} for source odds-api (no alias in team_aliases)` });
      continue;
    }
    const homeId = teams.get(e.home_team)!;
    const awayId = teams.get(e.away_team)!;
    const fx = await findOrCreateFixture(tx, e.sport_key, homeId, awayId, new Date(e.commence_time).toISOString());
    if (typeof fx === 'string') {
      rejects.push({ row, raw, reason: fx });
      continue;
    }
    if (fx.created) counts.inserted++;
    const books = await ensureBookmakers(tx, e.bookmakers.map((b) => ({ key: b.key, name: b.title })));
    const propNames = new Set<string>();
    for (const b of e.bookmakers) for (const m of b.markets) {
      if (m.key.startsWith('player_')) for (const o of m.outcomes) if (o.description) propNames.add(o.description);
    }
    const players = await resolvePlayers(tx, [...propNames], [homeId, awayId]);
    const unsupported = new Set<string>();
    for (const b of e.bookmakers) {
      const bookId = books.get(b.key)!;
      for (const m of b.markets) {
        const mk = marketOf(comp.sport, m.key);
        if (!mk) {
          unsupported.add(m.key);
          continue;
        }
        const at = new Date(m.last_update ?? b.last_update).toISOString();
        for (const o of m.outcomes) {
          const where = `${b.key} ${m.key} ${o.name}${o.description ? ` ${o.description}` : ''}`;
          if (!isValidDecimal(o.price)) {
            rejects.push({ row, raw: JSON.stringify(o), reason: `invalid price ${o.price} for ${where} (decimal odds must be > 1)` });
            continue;
          }
          let selection: string;
          let playerId: number | null = null;
          if (mk.market === 'player_prop') {
            const p = o.description ? players.get(o.description) : 'player prop outcome without a player (description)';
            if (typeof p !== 'number') {
              rejects.push({ row, raw: JSON.stringify(o), reason: `${p ?? 'unknown player'} (${where})` });
              continue;
            }
            playerId = p;
            selection = o.name.toLowerCase();
          } else if (m.key === 'h2h' || m.key.includes('spreads') || m.key === 'draw_no_bet') {
            selection = o.name === e.home_team ? 'home' : o.name === e.away_team ? 'away' : o.name.toLowerCase() === 'draw' ? 'draw' : '';
            if (!selection) {
              rejects.push({ row, raw: JSON.stringify(o), reason: `outcome "${o.name}" is neither team nor draw (${where})` });
              continue;
            }
          } else selection = o.name.toLowerCase();
          const needsLine = mk.market !== '1x2' && mk.market !== 'moneyline' && mk.market !== 'btts' && mk.market !== 'draw_no_bet';
          if (needsLine && o.point === undefined) {
            rejects.push({ row, raw: JSON.stringify(o), reason: `missing point (line) for ${where}` });
            continue;
          }
          batch.push(fx.id, bookId, mk.market, selection, needsLine ? o.point! : null, o.price, at, false, playerId, mk.prop);
        }
      }
    }
    for (const k of unsupported) rejects.push({ row, raw, reason: `unsupported market "${k}" skipped` });
  }
  addCounts(counts, await appendChangedOdds(tx, batch));
  return { counts, rejects };
}
