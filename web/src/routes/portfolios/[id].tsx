import { A, createAsync, useLocation, useParams, type RouteDefinition } from '@solidjs/router';
import { createResource, createSignal, For, onMount, Show } from 'solid-js';
import { inputClass } from '../../components/form.tsx';
import { BetTable } from '../../components/portfolio/bet-table.tsx';
import { BankrollChart, ClvHistogram, DrawdownChart } from '../../components/portfolio/charts.tsx';
import { marketLabel, money, RESULT_STYLE } from '../../components/portfolio/format.ts';
import { StatCards, statFigures } from '../../components/portfolio/stat-cards.tsx';
import { friendlyError } from '../../lib/errors.ts';
import { requireMe } from '../../lib/session.ts';
import { api } from '../../lib/trpc.ts';

export const route = {
  preload: ({ location }) => requireMe(location.pathname + location.search),
} satisfies RouteDefinition;

type Status = Parameters<typeof api.bets.list.query>[0]['status'];
type Sport = Parameters<typeof api.bets.list.query>[0]['sport'];
type Market = Parameters<typeof api.bets.list.query>[0]['market'];
const STATUSES = ['pending', 'settled', 'won', 'lost', 'push', 'half_won', 'half_lost', 'void'] as const;
const MARKETS = ['1x2', 'totals', 'asian_handicap', 'btts', 'draw_no_bet', 'correct_score', 'moneyline', 'spread', 'game_total', 'player_prop'] as const;

/**
 * One of the caller's portfolios (signed-in only; another user's id answers not found): the headline figures, the
 * bankroll, drawdown and CLV charts, the bets with filters (status, sport, market) and Void on pending ones, CSV import
 * (upload) and export (download). Data is read in the browser once mounted, and re-read after every change.
 */
export default function PortfolioPage() {
  const params = useParams();
  const location = useLocation();
  const me = createAsync(() => requireMe(location.pathname + location.search), { deferStream: true });
  const [mounted, setMounted] = createSignal(false);
  onMount(() => setMounted(true));
  const [version, setVersion] = createSignal(0);
  const reload = () => setVersion((v) => v + 1);
  const [portfolio] = createResource(() => mounted() && { id: params.id!, v: version() }, ({ id }) => api.portfolios.get.query({ id }));
  const [stats] = createResource(() => mounted() && { id: params.id!, v: version() }, ({ id }) => api.portfolios.stats.query({ id }));
  const [status, setStatus] = createSignal<Status>(undefined);
  const [sport, setSport] = createSignal<Sport>(undefined);
  const [market, setMarket] = createSignal<Market>(undefined);
  const [bets] = createResource(
    () => mounted() && { id: params.id!, v: version(), status: status(), sport: sport(), market: market() },
    (q) => api.bets.list.query({ portfolioId: q.id, status: q.status, sport: q.sport, market: q.market, limit: 500 }),
  );
  const [notice, setNotice] = createSignal<{ ok: boolean; text: string; rejects?: { line: number; reason: string }[] } | null>(null);

  const voidBet = async (id: string) => {
    try {
      await api.bets.void.mutate({ id });
      setNotice({ ok: true, text: 'Bet voided.' });
      reload();
    } catch (err) {
      setNotice({ ok: false, text: friendlyError(err) });
    }
  };
  const exportCsv = async () => {
    try {
      const out = await api.bets.exportCsv.query({ portfolioId: params.id! });
      const url = URL.createObjectURL(new Blob([out.csv], { type: 'text/csv' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = out.filename;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (err) {
      setNotice({ ok: false, text: friendlyError(err) });
    }
  };
  const importCsv = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    try {
      const r = await api.bets.importCsv.mutate({ portfolioId: params.id!, csv: await file.text() });
      setNotice({ ok: r.rejects.length === 0, text: `Imported ${r.imported} bet(s), ${r.duplicates} already present, ${r.rejects.length} rejected.`, rejects: r.rejects });
      reload();
    } catch (err) {
      setNotice({ ok: false, text: friendlyError(err) });
    } finally {
      input.value = '';
    }
  };
  const select = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';
  return (
    <Show when={me()}>
      <section class="space-y-6" data-testid="portfolio-page">
        <Show when={portfolio.error}>
          <p class="rounded-md bg-rose-50 p-3 text-sm text-rose-800" data-testid="portfolio-error">{friendlyError(portfolio.error)}</p>
        </Show>
        <Show when={portfolio()}>
          {(p) => (
            <div class="flex flex-wrap items-end justify-between gap-3">
              <div class="min-w-0">
                <A href="/portfolios" class="text-sm text-indigo-700 hover:underline">← Portfolios</A>
                <h1 class="truncate text-2xl font-semibold" data-testid="portfolio-name">{p().name}</h1>
                <p class="text-sm text-slate-600">
                  Bankroll <span class="tabular-nums" data-testid="portfolio-bankroll">{money(p().bankroll, p().currency)}</span> · started at{' '}
                  {money(p().startingBankroll, p().currency)} · {p().pendingBets} pending ({money(p().pendingStake, p().currency)})
                </p>
              </div>
              <div class="flex flex-wrap gap-2">
                <button type="button" class="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50" onClick={() => void exportCsv()} data-testid="export-csv">
                  Export CSV
                </button>
                <label class="cursor-pointer rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
                  Import CSV
                  <input type="file" accept=".csv,text/csv" class="sr-only" onChange={(e) => void importCsv(e)} data-testid="import-csv" />
                </label>
              </div>
            </div>
          )}
        </Show>
        <Show when={notice()}>
          {(n) => (
            <div role="status" class={`rounded-md p-3 text-sm ${n().ok ? 'bg-emerald-50 text-emerald-800' : 'bg-rose-50 text-rose-800'}`} data-testid="portfolio-notice">
              {n().text}
              <Show when={n().rejects?.length}>
                <ul class="mt-1 list-disc pl-5">
                  <For each={n().rejects!.slice(0, 20)}>{(r) => <li>line {r.line}: {r.reason}</li>}</For>
                </ul>
              </Show>
            </div>
          )}
        </Show>
        <Show when={stats()}>
          {(s) => (
            <>
              <StatCards figures={statFigures(s())} />
              <Show when={version() >= 0} keyed>
                {/* Charts are redrawn from scratch after each change (keyed on the statistics object). */}
                <Show when={s()} keyed>
                  {(st) => (
                    <div class="grid grid-cols-1 gap-4 lg:grid-cols-3">
                      <BankrollChart stats={st} />
                      <DrawdownChart stats={st} />
                      <ClvHistogram stats={st} />
                    </div>
                  )}
                </Show>
              </Show>
            </>
          )}
        </Show>
        <div class="space-y-2">
          <div class="flex flex-wrap items-end justify-between gap-3">
            <h2 class="text-lg font-medium">Bets</h2>
            <div class="grid grid-cols-3 gap-2 text-xs text-slate-600">
              <label>
                Status
                <select class={select} data-testid="filter-status" onChange={(e) => setStatus((e.currentTarget.value || undefined) as Status)}>
                  <option value="">All</option>
                  <For each={STATUSES}>{(s) => <option value={s}>{s === 'settled' ? 'Settled' : (RESULT_STYLE[s]?.label ?? s)}</option>}</For>
                </select>
              </label>
              <label>
                Sport
                <select class={select} data-testid="filter-sport" onChange={(e) => setSport((e.currentTarget.value || undefined) as Sport)}>
                  <option value="">All</option>
                  <option value="soccer">Soccer</option>
                  <option value="nfl">NFL</option>
                </select>
              </label>
              <label>
                Market
                <select class={select} data-testid="filter-market" onChange={(e) => setMarket((e.currentTarget.value || undefined) as Market)}>
                  <option value="">All</option>
                  <For each={MARKETS}>{(m) => <option value={m}>{m === 'game_total' ? 'Total (NFL)' : m === 'totals' ? 'Total (soccer)' : marketLabel(m)}</option>}</For>
                </select>
              </label>
            </div>
          </div>
          <Show when={bets.error}>
            <p class="rounded-md bg-rose-50 p-3 text-sm text-rose-800">{friendlyError(bets.error)}</p>
          </Show>
          <BetTable bets={bets.latest ?? []} onVoid={(b) => voidBet(b.id)} />
        </div>
      </section>
    </Show>
  );
}
