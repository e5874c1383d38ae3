/**
 * Writes to the append-only `odds_snapshots` time series (the database refuses UPDATE and DELETE), in batches of
 * unnest arrays.
 *  - `upsertOddsSnapshots`: for sources whose capture time is part of the data (a results file's pre-match and
 *    closing prices): keyed by the full natural key; a corrected price is a new row (the next `revision`), an
 *    equal one is a no-op.
 *  - `appendChangedOdds`: for live polling: a row is appended only when its price differs from the latest
 *    snapshot of the same selection, so polling an unchanged market writes nothing to the history; the update at
 *    which each unchanged price was seen again goes to `odds_sightings`.
 */
import { sql } from 'drizzle-orm';
import type { Market } from '../../schema/odds/index.ts';
import { chunks, rowCount, rows, unnest, zeroWriteCounts, type Tx, type WriteCounts } from '../sql.ts';

/**
 * A column-oriented batch of prices for one source (no per-row objects on the hot path: a file yields tens of
 * thousands of prices). Decimal prices; `capturedAt` an ISO instant.
 */
export class OddsBatch {
  fixtureId: number[] = [];
  bookmakerId: number[] = [];
  market: Market[] = [];
  selection: string[] = [];
  line: (number | null)[] = [];
  playerId: (number | null)[] = [];
  prop: (string | null)[] = [];
  price: number[] = [];
  capturedAt: string[] = [];
  closing: boolean[] = [];
  private seen = new Set<string>();

  constructor(readonly source: string) {}

  get length(): number {
    return this.price.length;
  }

  /** Adds one price; a repeat of the same natural key within the batch is ignored (returns false). */
  push(
    fixtureId: number,
    bookmakerId: number,
    market: Market,
    selection: string,
    line: number | null,
    price: number,
    capturedAt: string,
    closing: boolean,
    playerId: number | null = null,
    prop: string | null = null,
  ): boolean {
    const key = `${fixtureId}|${bookmakerId}|${market}|${selection}|${line}|${playerId}|${prop}|${closing}|${capturedAt}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    this.fixtureId.push(fixtureId);
    this.bookmakerId.push(bookmakerId);
    this.market.push(market);
    this.selection.push(selection);
    this.line.push(line);
    this.playerId.push(playerId);
    this.prop.push(prop);
    this.price.push(price);
    this.capturedAt.push(capturedAt);
    this.closing.push(closing);
    return true;
  }

  /** Rows [s, e) as an `unnest(…) AS v(…)` source for a statement. */
  slice(s: number, e: number) {
    return unnest('v', [
      ['fixture_id', 'int4', this.fixtureId.slice(s, e)],
      ['bookmaker_id', 'int4', this.bookmakerId.slice(s, e)],
      ['market', 'text', this.market.slice(s, e)],
      ['selection', 'text', this.selection.slice(s, e)],
      ['line', 'float4', this.line.slice(s, e)],
      ['player_id', 'int4', this.playerId.slice(s, e)],
      ['prop', 'text', this.prop.slice(s, e)],
      ['price', 'float8', this.price.slice(s, e)],
      ['captured_at', 'timestamptz', this.capturedAt.slice(s, e)],
      ['closing', 'bool', this.closing.slice(s, e)],
    ]);
  }
}

const BATCH = 5000;

/**
 * History-file write: stores every price by its natural key; a price differing from the newest stored revision of
 * its key is a correction, appended as the next revision (counted `updated`), never written over the old one.
 * `fresh`: every fixture in the batch was created in this transaction, so no stored row can match: a plain
 * INSERT is used (no look-up of stored rows). Otherwise each price looks up the newest revision of its key (the
 * natural key's index) and only new or changed prices reach the INSERT.
 */
export async function upsertOddsSnapshots(tx: Tx, batch: OddsBatch, fresh = false): Promise<WriteCounts> {
  const counts = zeroWriteCounts();
  const cols = sql`fixture_id, bookmaker_id, market, selection, line, player_id, prop, price, captured_at, closing, source`;
  for (const [s, e] of chunks(batch.length, BATCH)) {
    if (fresh) {
      counts.inserted += await rowCount(tx, sql`INSERT INTO odds_snapshots (${cols}) SELECT v.fixture_id, v.bookmaker_id, v.market,
        v.selection, v.line, v.player_id, v.prop, v.price, v.captured_at, v.closing, ${batch.source} FROM ${batch.slice(s, e)}`);
      continue;
    }
    const [r] = await rows<{ inserted: number; updated: number }>(
      tx,
      sql`
      WITH up AS (
        INSERT INTO odds_snapshots (${cols}, revision)
        SELECT v.fixture_id, v.bookmaker_id, v.market, v.selection, v.line, v.player_id, v.prop, v.price,
          v.captured_at, v.closing, ${batch.source}, coalesce(stored.revision + 1, 0)
        FROM ${batch.slice(s, e)}
        LEFT JOIN LATERAL (
          SELECT x.price, x.revision FROM odds_snapshots x
          WHERE x.fixture_id = v.fixture_id AND x.bookmaker_id = v.bookmaker_id AND x.market = v.market
            AND x.selection = v.selection AND x.line IS NOT DISTINCT FROM v.line
            AND x.player_id IS NOT DISTINCT FROM v.player_id AND x.prop IS NOT DISTINCT FROM v.prop
            AND x.closing = v.closing AND x.captured_at = v.captured_at
          ORDER BY x.revision DESC LIMIT 1
        ) stored ON true
        WHERE stored.price IS DISTINCT FROM v.price
        ON CONFLICT ON CONSTRAINT odds_snapshots_natural_key DO NOTHING
        RETURNING revision
      )
      SELECT count(*) FILTER (WHERE revision = 0)::int AS inserted, count(*) FILTER (WHERE revision > 0)::int AS updated FROM up`,
    );
    counts.inserted += r?.inserted ?? 0;
    counts.updated += r?.updated ?? 0;
    counts.unchanged += e - s - (r?.inserted ?? 0) - (r?.updated ?? 0);
  }
  return counts;
}

/**
 * Live-feed write: inserts a price only when it differs from the latest stored price of the same selection
 * (captured at or before it), and records the latest row of every price still quoted as seen at this update
 * (`odds_sightings`, moved forward only; a row first seen when captured needs none).
 */
export async function appendChangedOdds(tx: Tx, batch: OddsBatch): Promise<WriteCounts> {
  const counts = zeroWriteCounts();
  for (const [s, e] of chunks(batch.length, BATCH)) {
    const [r] = await rows<{ inserted: number }>(
      tx,
      sql`
      WITH up AS (
        INSERT INTO odds_snapshots (fixture_id, bookmaker_id, market, selection, line, player_id, prop, price,
          captured_at, closing, source)
        SELECT v.fixture_id, v.bookmaker_id, v.market, v.selection, v.line, v.player_id, v.prop, v.price,
          v.captured_at, v.closing, ${batch.source}
        FROM ${batch.slice(s, e)}
        WHERE NOT EXISTS (
          SELECT 1 FROM (
            SELECT o.price FROM odds_snapshots o
            WHERE o.fixture_id = v.fixture_id AND o.market = v.market AND o.bookmaker_id = v.bookmaker_id
              AND o.selection = v.selection AND o.line IS NOT DISTINCT FROM v.line
              AND o.player_id IS NOT DISTINCT FROM v.player_id AND o.prop IS NOT DISTINCT FROM v.prop
              AND o.closing = v.closing AND o.captured_at <= v.captured_at
            ORDER BY o.captured_at DESC, o.id DESC LIMIT 1
          ) latest WHERE latest.price = v.price
        )
        ON CONFLICT ON CONSTRAINT odds_snapshots_natural_key DO NOTHING
        RETURNING 1
      )
      SELECT count(*)::int AS inserted FROM up`,
    );
    counts.inserted += r?.inserted ?? 0;
    counts.unchanged += e - s - (r?.inserted ?? 0);
    // An unchanged price is still quoted: its latest row was seen at this update (not a change, not counted).
    // Grouped by row: two prices of one batch may share their latest row, and ON CONFLICT may touch a row once.
    await tx.execute(sql`
      INSERT INTO odds_sightings AS s (snapshot_id, seen_at)
      SELECT latest.id, max(v.captured_at)
      FROM ${batch.slice(s, e)}
      CROSS JOIN LATERAL (
        SELECT x.id, x.captured_at FROM odds_snapshots x
        WHERE x.fixture_id = v.fixture_id AND x.market = v.market AND x.bookmaker_id = v.bookmaker_id
          AND x.selection = v.selection AND x.line IS NOT DISTINCT FROM v.line
          AND x.player_id IS NOT DISTINCT FROM v.player_id AND x.prop IS NOT DISTINCT FROM v.prop
          AND x.closing = v.closing AND x.captured_at <= v.captured_at
        ORDER BY x.captured_at DESC, x.id DESC LIMIT 1) latest
      WHERE latest.captured_at < v.captured_at
      GROUP BY latest.id
      ON CONFLICT (snapshot_id) DO UPDATE SET seen_at = excluded.seen_at WHERE s.seen_at < excluded.seen_at`);
  }
  return counts;
}
