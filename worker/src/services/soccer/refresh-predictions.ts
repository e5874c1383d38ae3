/**
 * Cron verb: keep stored soccer predictions current. For every competition with fixtures in the next
 * `horizonDays`, take the active Dixon–Coles version (refit when results changed), derive 1X2, totals 2.5 and
 * BTTS from one score grid per fixture, and append them to `predictions` tied to that version (idempotent on
 * the natural key). Returns the 1X2 probabilities that moved by at least `minChange` (or are new) so the
 * caller can push them to live rooms.
 */
import { competitions, fixtures, predictions } from '@fairline/db';
import { and, asc, count, desc, eq, gte, inArray, lt, max } from 'drizzle-orm';
import type { Ctx } from '../../context.ts';
import { MIN_HISTORY } from './fair-prices.ts';
import { dayOf, soccerHistory } from './history.ts';
import { fitSoccerModel, priceFixture, SOCCER_MODEL } from './model.ts';
import { activeOrRefit } from './model-version.ts';

export interface PredictionChange {
  fixtureId: number;
  selection: 'home' | 'draw' | 'away';
  probability: number;
  previous: number | null;
}

export interface RefreshResult {
  competitions: number;
  refitted: number;
  skipped: string[];
  inserted: number;
  changes: PredictionChange[];
}

const DAY_MS = 86_400_000;

export async function refreshSoccerPredictions({
  ctx,
  horizonDays = 14,
  minChange = 0.005,
}: {
  ctx: Ctx;
  horizonDays?: number;
  minChange?: number;
}): Promise<RefreshResult> {
  const now = ctx.clock();
  const until = new Date(now.getTime() + horizonDays * DAY_MS);
  const upcoming = await ctx.db
    .select({ id: fixtures.id, competitionId: fixtures.competitionId, code: competitions.code, home: fixtures.homeTeamId, away: fixtures.awayTeamId, neutral: fixtures.neutralVenue })
    .from(fixtures)
    .innerJoin(competitions, eq(competitions.id, fixtures.competitionId))
    .where(and(eq(fixtures.sport, 'soccer'), eq(fixtures.status, 'scheduled'), gte(fixtures.kickoffAt, now), lt(fixtures.kickoffAt, until)))
    .orderBy(asc(fixtures.kickoffAt));
  const byCompetition = new Map<number, typeof upcoming>();
  for (const f of upcoming) byCompetition.set(f.competitionId, [...(byCompetition.get(f.competitionId) ?? []), f]);

  const result: RefreshResult = { competitions: byCompetition.size, refitted: 0, skipped: [], inserted: 0, changes: [] };
  for (const [competitionId, list] of byCompetition) {
    const code = list[0]!.code;
    const [stamp] = await ctx.db
      .select({ n: count(), at: max(fixtures.updatedAt) })
      .from(fixtures)
      .where(and(eq(fixtures.competitionId, competitionId), eq(fixtures.status, 'final'), lt(fixtures.kickoffAt, now)));
    const history = await soccerHistory(ctx.db, competitionId, now, SOCCER_MODEL.windowDays);
    if (history.length < MIN_HISTORY) {
      result.skipped.push(`${code}: ${history.length} results (< ${MIN_HISTORY})`);
      continue;
    }
    const asOfDay = dayOf(now) + 1;
    const mv = await activeOrRefit(ctx, `soccer:${code}`, `${stamp?.n ?? 0}@${stamp?.at?.toISOString() ?? ''}`, () =>
      fitSoccerModel(history, asOfDay),
    );
    if (mv.created) result.refitted++;

    const rows: (typeof predictions.$inferInsert)[] = [];
    const fresh = new Map<number, { home: number; draw: number; away: number }>();
    for (const f of list) {
      const book = priceFixture(mv.model, f.home, f.away, f.neutral);
      const o = book.matchOdds;
      fresh.set(f.id, { home: o.home.p, draw: o.draw.p, away: o.away.p });
      const t = book.totals['2.5']!;
      const add = (market: string, selection: string, line: number | null, p: number) =>
        rows.push({ modelVersionId: mv.id, fixtureId: f.id, market, selection, line, probability: p, fairPrice: p > 0 ? 1 / p : null });
      add('1x2', 'home', null, o.home.p);
      add('1x2', 'draw', null, o.draw.p);
      add('1x2', 'away', null, o.away.p);
      add('totals', 'over', 2.5, t.over.win);
      add('totals', 'under', 2.5, t.under.win);
      add('btts', 'yes', null, book.bothTeamsToScore.yes.p);
      add('btts', 'no', null, book.bothTeamsToScore.no.p);
    }
    // The latest stored 1X2 per fixture and selection (from any earlier version), to report what moved.
    const ids = list.map((f) => f.id);
    const prior = await ctx.db
      .selectDistinctOn([predictions.fixtureId, predictions.selection], {
        fixtureId: predictions.fixtureId,
        selection: predictions.selection,
        probability: predictions.probability,
      })
      .from(predictions)
      .where(and(inArray(predictions.fixtureId, ids), eq(predictions.market, '1x2')))
      .orderBy(predictions.fixtureId, predictions.selection, desc(predictions.createdAt), desc(predictions.id));
    const last = new Map(prior.map((p) => [`${p.fixtureId}|${p.selection}`, p.probability]));

    const inserted = await ctx.db.insert(predictions).values(rows).onConflictDoNothing().returning({ id: predictions.id });
    result.inserted += inserted.length;
    for (const [fixtureId, probs] of fresh) {
      for (const selection of ['home', 'draw', 'away'] as const) {
        const previous = last.get(`${fixtureId}|${selection}`) ?? null;
        if (previous === null || Math.abs(previous - probs[selection]) >= minChange) {
          result.changes.push({ fixtureId, selection, probability: probs[selection], previous });
        }
      }
    }
  }
  return result;
}
