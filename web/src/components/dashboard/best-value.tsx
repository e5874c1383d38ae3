import { A } from '@solidjs/router';
import { createResource, createSignal, For, onMount, Show } from 'solid-js';
import { EmptyState } from '../empty-state.tsx';
import { SkeletonRows } from '../skeleton.tsx';
import { friendlyError } from '../../lib/errors.ts';
import { ev, formatKickoff, odds } from '../../lib/format.ts';
import { api } from '../../lib/trpc.ts';
import { valueRows } from '../../lib/value-rows.ts';
import { DashboardCard } from './card.tsx';

/** How many bets the panel shows (at most PER_GAME of one game), and the edge and horizon it asks for (the /value defaults). */
const SHOWN = 5;
const QUERY = { minEdge: 0.02, days: 7, limit: 50 };
const PER_GAME = 2;

/** A settled call's answer, or undefined when it failed. */
const answered = <T,>(a: PromiseSettledResult<T>): T | undefined => (a.status === 'fulfilled' ? a.value : undefined);

/**
 * The best value bets of the coming week, from the three value finders (soccer markets, NFL player props, NFL game
 * lines; named as the value finder names them, lib/value-rows.ts): the few with the highest expected value per unit
 * staked at +2 % or more, each linked to its game. One finder failing leaves the others' picks; the full list is /value.
 */
export function BestValue() {
  const [mounted, setMounted] = createSignal(false);
  onMount(() => setMounted(true));
  const [picks] = createResource(mounted, async () => {
    const answers = await Promise.allSettled([api.soccer.valueBets.query(QUERY), api.nfl.props.valueBets.query(QUERY), api.nfl.gameLines.valueBets.query(QUERY)]);
    const failed = answers.find((a): a is PromiseRejectedResult => a.status === 'rejected');
    if (failed && answers.every((a) => a.status === 'rejected')) throw failed.reason;
    const [soccer, props, lines] = answers;
    const best = valueRows(answered(soccer), answered(props), answered(lines)).sort((a, b) => b.expectedValue - a.expectedValue);
    // At most PER_GAME picks of one game, so one mispriced match does not fill the panel (the full list is /value).
    const perGame = new Map<number, number>();
    return best.filter((r) => {
      const n = perGame.get(r.fixtureId) ?? 0;
      perGame.set(r.fixtureId, n + 1);
      return n < PER_GAME;
    }).slice(0, SHOWN);
  });
  return (
    <DashboardCard title="Best value" href="/value" linkText="More bets" testId="dashboard-value">
      <Show when={!picks.error} fallback={<p class="text-sm text-rose-700" role="alert">{friendlyError(picks.error)}</p>}>
        <Show when={picks()} fallback={<SkeletonRows rows={SHOWN} label="Loading value bets…" />}>
          {(list) => (
            <Show when={list().length > 0} fallback={<EmptyState title="No value right now" testId="value-empty">No price in the next 7 days clears +2 % against our models.</EmptyState>}>
              <ul class="divide-y divide-slate-100">
                <For each={list()}>
                  {(p) => (
                    <li class="py-2 text-sm" data-testid="dashboard-value-row">
                      <div class="flex items-baseline justify-between gap-3">
                        <span class="min-w-0"><span class="text-slate-500">{p.marketLabel}</span> <span class="font-medium">{p.bet}</span></span>
                        <span class="shrink-0 font-medium text-emerald-700" data-testid="dashboard-value-ev">{ev(p.expectedValue)}</span>
                      </div>
                      <div class="flex flex-wrap items-baseline justify-between gap-x-3 text-xs text-slate-500">
                        <A href={`/fixtures/${p.fixtureId}`} class="min-w-0 truncate hover:underline">{p.game} · {formatKickoff(p.kickoffAt)}</A>
                        <span class="shrink-0">{p.bookmaker} @ <span class="font-mono">{odds(p.price)}</span></span>
                      </div>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </Show>
    </DashboardCard>
  );
}
