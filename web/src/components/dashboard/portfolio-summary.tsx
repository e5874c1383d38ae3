import { A, createAsync } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { EmptyState } from '../empty-state.tsx';
import { money, signedPct, tone } from '../portfolio/format.ts';
import { SkeletonRows } from '../skeleton.tsx';
import { friendlyError } from '../../lib/errors.ts';
import { getMe } from '../../lib/session.ts';
import { api } from '../../lib/trpc.ts';
import { DashboardCard } from './card.tsx';

/** Portfolios shown; the rest are a click away. */
const SHOWN = 3;

/**
 * The signed-in reader's open portfolios (portfolios.list): bankroll, settled P&L (and its return on the starting
 * bankroll) and what is still at stake. Signed out it says what a portfolio is for and how to start one.
 */
export function PortfolioSummary() {
  const me = createAsync(() => getMe());
  // Asked only for a signed-in reader (in the browser: the cookie travels with the same-origin request).
  const [list] = createResource(() => (!import.meta.env.SSR && me() ? true : false), () => api.portfolios.list.query());
  return (
    <DashboardCard title="Your portfolios" href={me() ? '/portfolios' : undefined} linkText="All portfolios" testId="dashboard-portfolios">
      <Show
        when={me()}
        fallback={
          <EmptyState title="Track your bets" testId="portfolios-signed-out"
            action={<span class="flex justify-center gap-3"><A href="/signin?next=%2F" class="text-brand hover:underline">Sign in</A><A href="/signup?next=%2Fportfolios" class="text-brand hover:underline">Sign up</A></span>}>
            Record bets from the value finder, settle them on results and see your P&L, ROI and closing-line value.
          </EmptyState>
        }
      >
        <Show when={!list.error} fallback={<p class="text-sm text-rose-700" role="alert">{friendlyError(list.error)}</p>}>
          <Show when={list()} fallback={<SkeletonRows rows={SHOWN} label="Loading your portfolios…" />}>
            {(all) => (
              <Show when={all().length > 0}
                fallback={<EmptyState title="No portfolio yet" testId="portfolios-none" action={<A href="/portfolios" class="text-brand hover:underline">Create a portfolio</A>}>Start one to track bets.</EmptyState>}>
                <ul class="divide-y divide-slate-100">
                  <For each={all().slice(0, SHOWN)}>
                    {(p) => (
                      <li class="py-2 text-sm" data-testid="dashboard-portfolio">
                        <div class="flex items-baseline justify-between gap-3">
                          <A href={`/portfolios/${p.id}`} class="min-w-0 truncate font-medium hover:underline">{p.name}</A>
                          <span class="shrink-0 font-mono">{money(p.bankroll, p.currency)}</span>
                        </div>
                        <div class="flex items-baseline justify-between gap-3 text-xs text-slate-500">
                          <span>{p.pendingBets} pending · {money(p.pendingStake, p.currency)} at stake</span>
                          <span class={`shrink-0 ${tone(p.pnl)}`}>
                            {money(p.pnl, p.currency, true)} ({signedPct(p.startingBankroll ? p.pnl / p.startingBankroll : null)})
                          </span>
                        </div>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            )}
          </Show>
        </Show>
      </Show>
    </DashboardCard>
  );
}
