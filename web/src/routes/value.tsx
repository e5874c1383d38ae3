import { createAsync, useNavigate, useSearchParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, onMount, Show } from 'solid-js';
import { createBurstRefetch } from '../lib/burst-refetch.ts';
import { createLiveRoom } from '../lib/live-room.ts';
import { friendlyError } from '../lib/errors.ts';
import { getMe } from '../lib/session.ts';
import { api } from '../lib/trpc.ts';
import { EDGES, HORIZONS, marketGroup, parseValueView, valueRows, valueSearch, viewRows, type ValueRow, type ValueView } from '../lib/value-rows.ts';
import { sameData, stableRows } from '../lib/stable-rows.ts';
import { ValueTable } from '../components/value-table.tsx';
import { SkeletonRows } from '../components/skeleton.tsx';
import { EmptyState } from '../components/empty-state.tsx';

const control = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';
/** The bankroll Kelly stakes are shown on when no portfolio's is (signed out, or no portfolio yet). */
const DEFAULT_BANKROLL = 1000;
/** Rows shown before "Show more" (the demo's whole slate at +0 % fits: low-EV game lines stay in view). */
const PAGE = 300;

/**
 * The value finder: every upcoming soccer and NFL price whose expected value under our models clears the chosen
 * edge — soccer markets (1X2, totals, Asian lines, BTTS, DNB), NFL player props and game lines — in one sortable
 * table, filtered by sport, market and book, with a quarter-Kelly stake on the user's bankroll and "Track". The
 * view lives in the URL, so it survives a reload and shares as a link. Refreshes when the soccer or NFL room
 * announces new odds or predictions.
 */
export default function ValuePage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const view = createMemo(() => parseValueView(params));
  const go = (change: Partial<ValueView>) => navigate(`/value${valueSearch({ ...view(), ...change })}`, { replace: true, scroll: false });

  // Fetched once mounted, like every page: the same-origin /trpc the client calls is the browser's.
  const [mounted, setMounted] = createSignal(false);
  onMount(() => setMounted(true));
  const query = () => (mounted() ? { minEdge: view().edge / 100, days: view().days, limit: 300 } : false);
  const [soccer, { refetch: refetchSoccer }] = createResource(query, (q) => api.soccer.valueBets.query(q));
  const [props, { refetch: refetchProps }] = createResource(query, (q) => api.nfl.props.valueBets.query(q));
  const [lines, { refetch: refetchLines }] = createResource(query, (q) => api.nfl.gameLines.valueBets.query(q));
  const burst = createBurstRefetch(() => Promise.all([refetchSoccer(), refetchProps(), refetchLines()]));
  const onEvent = (event: { kind: string }) => {
    if (event.kind === 'odds' || event.kind === 'prediction') burst.poke();
  };
  const live = createLiveRoom('nfl', onEvent, burst.poke);
  createLiveRoom('soccer', onEvent, burst.poke);

  // The bankroll: the chosen portfolio's current one when signed in, else the stated default.
  const me = createAsync(() => getMe());
  const [portfolios] = createResource(() => (mounted() && me() ? true : false), () => api.portfolios.list.query());
  const [portfolioId, setPortfolioId] = createSignal<string>();
  const portfolio = () => {
    const ps = portfolios.latest ?? [];
    return ps.find((p) => p.id === portfolioId()) ?? ps[0];
  };
  const bankroll = () => portfolio()?.bankroll ?? DEFAULT_BANKROLL;
  const currency = () => portfolio()?.currency ?? null;

  const loading = () => soccer.loading && props.loading && lines.loading && !soccer.latest && !props.latest && !lines.latest;
  // Each finder's rows, whichever have arrived (one failing does not hide the others).
  // Rows keep their identity while unchanged, so a Track dialog open in one survives the other queries arriving.
  const stable = stableRows<ValueRow>((r) => r.key, sameData);
  const all = createMemo(() => stable(valueRows(soccer.error ? undefined : soccer.latest, props.error ? undefined : props.latest, lines.error ? undefined : lines.latest)));
  const shown = createMemo(() => viewRows(all(), view(), bankroll()));
  const [limit, setLimit] = createSignal(PAGE);
  const markets = createMemo(() => {
    const seen = new Map<string, string>();
    for (const r of all()) if (view().sport === 'all' || r.sport === view().sport) seen.set(r.market, r.marketLabel);
    if (view().market !== 'all' && !seen.has(view().market)) seen.set(view().market, view().market);
    return [...seen].sort((a, b) => marketGroup(a[0]).localeCompare(marketGroup(b[0])) || a[1].localeCompare(b[1]));
  });
  const books = createMemo(() => [...new Set([...all().map((r) => r.bookmaker), ...(view().book !== 'all' ? [view().book] : [])])].sort());
  const errors = () => [
    soccer.error && `Soccer: ${friendlyError(soccer.error)}`,
    props.error && `NFL player props: ${friendlyError(props.error)}`,
    lines.error && `NFL game lines: ${friendlyError(lines.error)}`,
  ].filter((e): e is string => !!e);
  /** Games with a price in the list (an NFL game has props and game lines: counted once). */
  const games = () => new Set(all().map((r) => r.fixtureId)).size;

  return (
    <section class="space-y-4" data-testid="value-page" data-live={live.state()}>
      <div>
        <h1 class="text-2xl font-semibold">Value finder</h1>
        <p class="mt-1 text-sm text-slate-600">
          Upcoming soccer and NFL prices where our models’ expected value per unit staked is at least the edge: soccer 1X2,
          totals, Asian handicaps, both teams to score and draw-no-bet from the match’s score grid; NFL player props; and
          spreads, totals and moneylines. A push refunds the stake and a quarter line can half-win or half-lose; model
          probabilities are at each book’s own line.
        </p>
      </div>
      <form class="grid grid-cols-2 gap-3 sm:flex sm:flex-wrap sm:items-end" role="search" aria-label="Filter value bets" onSubmit={(e) => e.preventDefault()}>
        <label class="flex flex-col gap-1 text-sm text-slate-600">
          Sport
          <select name="sport" class={control} value={view().sport} onChange={(e) => go({ sport: e.currentTarget.value as ValueView['sport'], market: 'all' })}>
            <option value="all" selected={view().sport === 'all'}>All sports</option>
            <option value="soccer" selected={view().sport === 'soccer'}>Soccer</option>
            <option value="nfl" selected={view().sport === 'nfl'}>NFL</option>
          </select>
        </label>
        <label class="flex flex-col gap-1 text-sm text-slate-600">
          Market
          <select name="market" class={control} value={view().market} onChange={(e) => go({ market: e.currentTarget.value })}>
            <option value="all" selected={view().market === 'all'}>All markets</option>
            <For each={markets()}>{([key, label]) => <option value={key} selected={view().market === key}>{`${marketGroup(key)} · ${label}`}</option>}</For>
          </select>
        </label>
        <label class="flex flex-col gap-1 text-sm text-slate-600">
          Book
          <select name="book" class={control} value={view().book} onChange={(e) => go({ book: e.currentTarget.value })}>
            <option value="all" selected={view().book === 'all'}>All books</option>
            <For each={books()}>{(b) => <option value={b} selected={view().book === b}>{b}</option>}</For>
          </select>
        </label>
        <label class="flex flex-col gap-1 text-sm text-slate-600">
          Minimum edge
          <select name="edge" class={control} value={String(view().edge)} onChange={(e) => go({ edge: Number(e.currentTarget.value) })}>
            <For each={EDGES}>{(v) => <option value={String(v)} selected={v === view().edge}>{`+${v}%`}</option>}</For>
          </select>
        </label>
        <label class="flex flex-col gap-1 text-sm text-slate-600">
          Games within
          <select name="days" class={control} value={String(view().days)} onChange={(e) => go({ days: Number(e.currentTarget.value) })}>
            <For each={HORIZONS}>{(v) => <option value={String(v)} selected={v === view().days}>{`${v} day${v > 1 ? 's' : ''}`}</option>}</For>
          </select>
        </label>
        <Show when={(portfolios.latest?.length ?? 0) > 1}>
          <label class="col-span-2 flex flex-col gap-1 text-sm text-slate-600">
            Kelly bankroll
            <select name="portfolio" class={control} value={portfolio()?.id} onChange={(e) => setPortfolioId(e.currentTarget.value)}>
              <For each={portfolios.latest}>{(p) => <option value={p.id} selected={p.id === portfolio()?.id}>{p.name}</option>}</For>
            </select>
          </label>
        </Show>
      </form>
      <p class="text-xs text-slate-500" data-testid="value-bankroll">
        Stakes are quarter Kelly, capped at 5 % of the bankroll, on{' '}
        <Show when={portfolio()} fallback={<>a bankroll of {DEFAULT_BANKROLL.toLocaleString('en-GB')} units{me() ? ' (create a portfolio to use yours)' : ' (sign in to use your portfolio’s)'}</>}>
          {(p) => <>the bankroll of “{p().name}”: {p().bankroll.toLocaleString('en-GB', { style: 'currency', currency: p().currency })}</>}
        </Show>
        .
      </p>
      <For each={errors()}>{(e) => <p class="text-sm text-rose-700" data-testid="value-error">{e}</p>}</For>
      <div class="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <Show when={!loading()} fallback={<SkeletonRows rows={6} label="Finding value…" />}>
          <p class="mb-2 text-xs text-slate-500" data-testid="value-summary">
            {shown().length} price{shown().length === 1 ? '' : 's'} shown of {all().length} across {games()} game{games() === 1 ? '' : 's'}
            <Show when={all().some((r) => r.simulated)}>
              {' '}<span class="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-amber-800">simulated demo models</span>
            </Show>
          </p>
          <Show
            when={shown().length > 0}
            fallback={<EmptyState title="No price clears this edge" testId="value-empty">Lower the minimum edge, widen the days, or clear a filter.</EmptyState>}
          >
            <ValueTable rows={shown().slice(0, limit())} view={view()} bankroll={bankroll()} currency={currency()} onSort={(sort, desc) => go({ sort, desc })} />
            <Show when={shown().length > limit()}>
              <button type="button" class="mt-3 rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50" onClick={() => setLimit((n) => n + PAGE)}>
                Show more ({shown().length - limit()} left)
              </button>
            </Show>
          </Show>
        </Show>
      </div>
    </section>
  );
}
