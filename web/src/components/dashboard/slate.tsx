import { A } from '@solidjs/router';
import { For, Show, Suspense } from 'solid-js';
import { EmptyState } from '../empty-state.tsx';
import { StatusBadge } from '../fixture-rows.tsx';
import { SkeletonRows } from '../skeleton.tsx';
import { addDays, dayOf, startOfDay } from '../../lib/fixture-filters.ts';
import { createFixtureList } from '../../lib/fixtures.ts';
import { friendlyError } from '../../lib/errors.ts';
import { formatKickoff, gameName, score } from '../../lib/format.ts';
import { DashboardCard } from './card.tsx';

const SPORTS = [
  { sport: 'soccer', label: 'Soccer' },
  { sport: 'nfl', label: 'NFL' },
] as const;

type Rows = NonNullable<ReturnType<ReturnType<typeof createFixtureList>>>;

/**
 * One game of the slate: time, the game (linked), score and status. On a phone the game takes its own full line under
 * time and status (a single line cut team names to a few letters); from `sm` up it is one row.
 */
function SlateRow(props: { f: Rows[number] }) {
  return (
    <li class="py-2 text-sm sm:flex sm:items-center sm:gap-3" data-testid="slate-row">
      <div class="flex items-center justify-between gap-3 sm:contents">
        <span class="text-xs text-slate-500 sm:order-1 sm:w-40 sm:shrink-0">{formatKickoff(props.f.kickoffAt)}</span>
        <span class="flex shrink-0 items-center gap-2 sm:order-3">
          <Show when={props.f.homeScore !== null}><span class="font-mono" data-testid="slate-score">{score(props.f.homeScore, props.f.awayScore)}</span></Show>
          <StatusBadge status={props.f.status} />
        </span>
      </div>
      <A href={`/fixtures/${props.f.id}`} class="mt-0.5 block hover:underline sm:order-2 sm:mt-0 sm:min-w-0 sm:flex-1 sm:truncate">{gameName(props.f.homeTeam, props.f.awayTeam)}</A>
    </li>
  );
}

/**
 * Today's slate, soccer and NFL: every game kicking off today (the reader's calendar day), live from the fixtures
 * room. A day without games says so and lists the next ones instead, so the panel is never a dead end.
 */
export function TodaySlate() {
  const today = () => dayOf(new Date());
  const games = createFixtureList(() => ({ from: startOfDay(today()), to: startOfDay(addDays(today(), 1)), limit: 100 }));
  const next = createFixtureList(() => (!games.error && games()?.length === 0 ? { from: new Date(), status: 'scheduled' as const, limit: 6 } : null));
  return (
    <DashboardCard title="Today’s slate" href={`/fixtures?date=${today()}`} linkText="All of today" testId="dashboard-slate">
      <Show when={!games.error} fallback={<p class="text-sm text-rose-700" role="alert">{friendlyError(games.error)}</p>}>
        <Suspense fallback={<SkeletonRows rows={6} label="Loading today’s games…" />}>
          <Show when={games()} fallback={<SkeletonRows rows={6} label="Loading today’s games…" />}>
            {(list) => (
              <Show when={list().length > 0} fallback={<NextUp rows={next()} />}>
                <For each={SPORTS.filter((s) => list().some((f) => f.sport === s.sport))}>
                  {(s) => (
                    <div class="mt-2 first:mt-0">
                      <h3 class="text-xs font-semibold uppercase tracking-wide text-slate-500">{s.label}</h3>
                      <ul class="divide-y divide-slate-100">
                        <For each={list().filter((f) => f.sport === s.sport)}>{(f) => <SlateRow f={f} />}</For>
                      </ul>
                    </div>
                  )}
                </For>
              </Show>
            )}
          </Show>
        </Suspense>
      </Show>
    </DashboardCard>
  );
}

/** No game today: the next ones. */
function NextUp(props: { rows: Rows | undefined | null }) {
  return (
    <>
      <EmptyState title="No games today" testId="slate-empty">The next games on the calendar:</EmptyState>
      <Show when={props.rows?.length}>
        <ul class="divide-y divide-slate-100"><For each={props.rows!}>{(f) => <SlateRow f={f} />}</For></ul>
      </Show>
    </>
  );
}
