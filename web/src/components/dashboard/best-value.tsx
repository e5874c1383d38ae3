import { A } from '@solidjs/router';
import { createResource, createSignal, For, onMount, Show } from 'solid-js';
import { EmptyState } from '../empty-state.tsx';
import { SkeletonRows } from '../skeleton.tsx';
import { friendlyError } from '../../lib/errors.ts';
import { ev, formatKickoff, gameName, odds, PROP_MARKET_LABEL } from '../../lib/format.ts';
import { api } from '../../lib/trpc.ts';
import { DashboardCard } from './card.tsx';

/** How many bets the panel shows, and the edge and horizon it asks the value finders for (the /value defaults). */
const SHOWN = 5;
const QUERY = { minEdge: 0.02, days: 7, limit: SHOWN };

type PropBet = Awaited<ReturnType<typeof api.nfl.props.valueBets.query>>['bets'][number];
type LineBet = Awaited<ReturnType<typeof api.nfl.gameLines.valueBets.query>>['bets'][number];
/** One row of the panel: where, what, at which book and price, and the edge. */
interface Pick {
  key: string;
  fixtureId: number;
  game: string;
  kickoffAt: Date;
  bet: string;
  bookmaker: string;
  price: number;
  expectedValue: number;
}

const signed = (h: number) => (h === 0 ? 'PK' : h > 0 ? `+${h}` : `${h}`);

function propPick(b: PropBet): Pick {
  const market = PROP_MARKET_LABEL[b.market] ?? b.market;
  const side = b.market === 'anytime_td' ? (b.side === 'over' ? 'yes' : 'no') : `${b.side} ${b.line}`;
  return { key: `p${b.fixtureId}-${b.playerId}-${b.market}-${b.line}-${b.side}-${b.bookmaker}`, fixtureId: b.fixtureId, game: gameName(b.homeTeam, b.awayTeam),
    kickoffAt: b.kickoffAt, bet: `${b.player}: ${market} ${side}`, bookmaker: b.bookmaker, price: b.price, expectedValue: b.expectedValue };
}

function linePick(b: LineBet): Pick {
  const team = b.selection === 'home' ? b.homeTeam : b.awayTeam;
  const bet = b.market === 'moneyline' ? `${team} to win` : b.market === 'total' ? `${b.selection === 'over' ? 'Over' : 'Under'} ${b.line} points`
    : `${team} ${signed(b.selection === 'home' ? b.line! : -b.line!)}`;
  return { key: `l${b.fixtureId}-${b.market}-${b.line}-${b.selection}-${b.bookmaker}`, fixtureId: b.fixtureId, game: gameName(b.homeTeam, b.awayTeam),
    kickoffAt: b.kickoffAt, bet, bookmaker: b.bookmaker, price: b.price, expectedValue: b.expectedValue };
}

/**
 * The best value bets of the coming week, from the value finders (NFL player props and game lines): the few with the
 * highest expected value per unit staked at +2 % or more, each linked to its game. The full, filterable list is /value.
 */
export function BestValue() {
  const [mounted, setMounted] = createSignal(false);
  onMount(() => setMounted(true));
  const [picks] = createResource(mounted, async () => {
    const [props, lines] = await Promise.all([api.nfl.props.valueBets.query(QUERY), api.nfl.gameLines.valueBets.query(QUERY)]);
    return [...props.bets.map(propPick), ...lines.bets.map(linePick)].sort((a, b) => b.expectedValue - a.expectedValue).slice(0, SHOWN);
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
                        <span class="min-w-0 font-medium">{p.bet}</span>
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
