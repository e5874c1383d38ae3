import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, onMount, Show } from 'solid-js';
import { createBurstRefetch } from '../lib/burst-refetch.ts';
import { createLiveRoom } from '../lib/live-room.ts';
import { friendlyError } from '../lib/errors.ts';
import { ev, formatKickoff, odds, pct, PROP_MARKET_LABEL } from '../lib/format.ts';
import { api } from '../lib/trpc.ts';
import { BOARD_EDGES, BOARD_HORIZONS, boardRows, boardSearch, parseBoardView, type BoardSort, type BoardView, type ShownRow } from '../lib/props-board.ts';
import { sameData, stableRows } from '../lib/stable-rows.ts';
import { cardCell, cardRow, cardTable, cardTbody, cardThead } from '../components/card-table.ts';
import { SkeletonRows } from '../components/skeleton.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { TrackBet } from '../components/track-bet.tsx';

const control = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';
const PAGE = 120;

/**
 * The props board (odds screen): the slate's NFL player props, one row per player, market and line, with every
 * book's over and under price, the best of each side across the books kept (highlighted), the model's projection
 * and P(over), and the edge — sortable by its headers, filtered by market, book and minimum edge, all in the URL.
 * Refreshes when the NFL room announces new odds or projections.
 */
export default function PropsBoardPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const view = createMemo(() => parseBoardView(params));
  const go = (change: Partial<BoardView>) => navigate(`/props${boardSearch({ ...view(), ...change })}`, { replace: true, scroll: false });
  const sortBy = (sort: BoardSort) => {
    const natural = sort === 'edge' || sort === 'over' || sort === 'under';
    go({ sort, desc: view().sort === sort ? !view().desc : natural });
  };

  const [mounted, setMounted] = createSignal(false);
  onMount(() => setMounted(true));
  const [board, { refetch }] = createResource(() => (mounted() ? { days: view().days } : false), (q) => api.nfl.props.board.query(q));
  const burst = createBurstRefetch(() => refetch());
  const live = createLiveRoom('nfl', (event) => {
    if (event.kind === 'odds' || event.kind === 'prediction') burst.poke();
  }, burst.poke);
  // Rows keep their identity while unchanged, so a Track dialog open in one survives a live refetch.
  const stable = stableRows<ShownRow>((r) => `${r.fixtureId}|${r.playerId}|${r.market}|${r.line}`, sameData);
  const rows = createMemo(() => stable(boardRows(board.latest?.rows ?? [], view())));
  const books = () => {
    const all = board.latest?.bookmakers ?? [];
    return view().book === 'all' ? all : all.filter((b) => b === view().book);
  };
  const markets = createMemo(() => [...new Set((board.latest?.rows ?? []).map((r) => r.market))]);
  const [limit, setLimit] = createSignal(PAGE);

  /** A sortable header. */
  const Th = (p: { sort?: BoardSort; label: string; right?: boolean }) => (
    <th class={`px-2 py-1.5 font-medium ${p.right ? 'text-right' : ''}`} aria-sort={p.sort && view().sort === p.sort ? (view().desc ? 'descending' : 'ascending') : undefined}>
      <Show when={p.sort} fallback={p.label}>
        {(s) => (
          <button type="button" class="inline-flex items-center gap-1 hover:text-slate-900" data-sort={s()} onClick={() => sortBy(s())}>
            {p.label}<span aria-hidden="true" class="text-xs">{view().sort === s() ? (view().desc ? '▼' : '▲') : ''}</span>
          </button>
        )}
      </Show>
    </th>
  );

  return (
    <section class="space-y-4" data-testid="props-board" data-live={live.state()}>
      <div>
        <h1 class="text-2xl font-semibold">Props board</h1>
        <p class="mt-1 text-sm text-slate-600">
          Every NFL player prop on the slate: each book’s over and under at the line, the best price of each side across
          the books (highlighted), our projection and P(over) at that line, and the edge — the model’s expected value per
          unit staked at the better of the two best prices (a push refunds the stake).
        </p>
      </div>
      <form class="grid grid-cols-2 gap-3 sm:flex sm:flex-wrap sm:items-end" role="search" aria-label="Filter props" onSubmit={(e) => e.preventDefault()}>
        <label class="flex flex-col gap-1 text-sm text-slate-600">
          Market
          <select name="market" class={control} value={view().market} onChange={(e) => go({ market: e.currentTarget.value })}>
            <option value="all" selected={view().market === 'all'}>All markets</option>
            <For each={markets()}>{(m) => <option value={m} selected={view().market === m}>{PROP_MARKET_LABEL[m] ?? m}</option>}</For>
          </select>
        </label>
        <label class="flex flex-col gap-1 text-sm text-slate-600">
          Book
          <select name="book" class={control} value={view().book} onChange={(e) => go({ book: e.currentTarget.value })}>
            <option value="all" selected={view().book === 'all'}>All books</option>
            <For each={board.latest?.bookmakers ?? (view().book !== 'all' ? [view().book] : [])}>{(b) => <option value={b} selected={view().book === b}>{b}</option>}</For>
          </select>
        </label>
        <label class="flex flex-col gap-1 text-sm text-slate-600">
          Minimum edge
          <select name="edge" class={control} value={view().edge === null ? 'any' : String(view().edge)}
            onChange={(e) => go({ edge: e.currentTarget.value === 'any' ? null : Number(e.currentTarget.value) })}>
            <For each={BOARD_EDGES}>{(v) => <option value={v === null ? 'any' : String(v)} selected={v === view().edge}>{v === null ? 'Any' : `+${v}%`}</option>}</For>
          </select>
        </label>
        <label class="flex flex-col gap-1 text-sm text-slate-600">
          Games within
          <select name="days" class={control} value={String(view().days)} onChange={(e) => go({ days: Number(e.currentTarget.value) })}>
            <For each={BOARD_HORIZONS}>{(v) => <option value={String(v)} selected={v === view().days}>{`${v} day${v > 1 ? 's' : ''}`}</option>}</For>
          </select>
        </label>
      </form>
      <div class="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <Show when={!board.error} fallback={<p class="text-sm text-rose-700" data-testid="props-board-error">{friendlyError(board.error)}</p>}>
          <Show when={board.latest} fallback={<SkeletonRows rows={8} label="Loading the props board…" />}>
            {(b) => (
              <>
                <p class="mb-2 text-xs text-slate-500" data-testid="props-board-summary">
                  {rows().length} line{rows().length === 1 ? '' : 's'} of {b().rows.length} across {b().fixtures} game{b().fixtures === 1 ? '' : 's'} and {b().bookmakers.length} book{b().bookmakers.length === 1 ? '' : 's'}
                  <Show when={b().rows.some((r) => r.modelVersion.simulated)}>
                    <span class="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-amber-800">simulated demo models</span>
                  </Show>
                </p>
                <Show when={rows().length > 0} fallback={<EmptyState title="No props match" testId="props-board-empty">{b().rows.length ? 'Lower the minimum edge or clear a filter.' : 'No upcoming game has projected props yet.'}</EmptyState>}>
                  <div class="md:overflow-x-auto">
                    <table class={`${cardTable} text-sm`} data-testid="props-board-table">
                      <thead class={`${cardThead} text-left text-slate-500`}>
                        <tr>
                          <Th sort="kickoff" label="Game" /><Th sort="player" label="Player" /><Th sort="market" label="Market" /><Th label="Projection" right />
                          <Th label="P(over)" right />
                          <For each={books()}>{(book) => <th class="px-2 py-1.5 text-right font-medium">{book}<span class="block text-xs font-normal">over / under</span></th>}</For>
                          <Th sort="over" label="Best over" right /><Th sort="under" label="Best under" right /><Th sort="edge" label="Edge" right />
                        </tr>
                      </thead>
                      <tbody class={`${cardTbody} md:divide-y md:divide-slate-100`}>
                        <For each={rows().slice(0, limit())}>{(r) => <BoardLine row={r} books={books()} />}</For>
                      </tbody>
                    </table>
                  </div>
                  <Show when={rows().length > limit()}>
                    <button type="button" class="mt-3 rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50" onClick={() => setLimit((n) => n + PAGE)}>
                      Show more ({rows().length - limit()} left)
                    </button>
                  </Show>
                </Show>
              </>
            )}
          </Show>
        </Show>
      </div>
    </section>
  );
}

const lineText = (r: ShownRow) => (r.market === 'anytime_td' ? 'yes / no' : `${r.line}`);

/** One player, market and line: each book's prices (the best of each side marked) and the best two with Track. */
function BoardLine(props: { row: ShownRow; books: string[] }) {
  const r = () => props.row;
  const label = (side: 'over' | 'under') => `${r().player} ${side} ${r().line} ${PROP_MARKET_LABEL[r().market] ?? r().market}`;
  const selection = (side: 'over' | 'under') => ({
    fixtureId: r().fixtureId, market: 'player_prop' as const, playerId: r().playerId, prop: r().market, line: r().line,
    selection: r().market === 'anytime_td' ? (side === 'over' ? 'yes' : 'no') : side,
  });
  const isBest = (side: 'over' | 'under', book: string, price: number | undefined) => {
    const best = side === 'over' ? r().shownOver : r().shownUnder;
    return best !== null && price !== undefined && best.bookmaker === book && best.price === price;
  };
  const Price = (p: { side: 'over' | 'under'; book: string; price: number | undefined }) => (
    <span class={`font-mono ${isBest(p.side, p.book, p.price) ? 'rounded bg-emerald-50 px-1 font-semibold text-emerald-800' : ''}`}
      data-testid={isBest(p.side, p.book, p.price) ? `best-${p.side}` : undefined}>
      {p.price === undefined ? '—' : odds(p.price)}
    </span>
  );
  const BestCell = (p: { side: 'over' | 'under' }) => {
    const best = () => (p.side === 'over' ? r().shownOver : r().shownUnder);
    return (
      <td class={`${cardCell} md:text-right`} data-label={p.side === 'over' ? 'Best over' : 'Best under'}>
        <Show when={best()} fallback="—">
          {(b) => (
            <span class="inline-flex items-center gap-2 md:flex-col md:items-end md:gap-0.5">
              <span class="whitespace-nowrap"><span class="font-mono" data-testid={`board-best-${p.side}`}>{odds(b().price)}</span> <span class="text-xs text-slate-500">{b().bookmaker}</span></span>
              <span class={`text-xs ${b().expectedValue > 0 ? 'text-emerald-700' : 'text-slate-500'}`}>{ev(b().expectedValue)}</span>
              <TrackBet selection={selection(p.side)} bookmaker={b().bookmaker} price={b().price} label={label(p.side)} />
            </span>
          )}
        </Show>
      </td>
    );
  };
  return (
    <tr class={cardRow} data-testid="board-row" data-market={r().market} data-edge={r().shownEdge ?? ''}>
      <td class={cardCell} data-label="Game">
        <span class="text-right md:text-left">
          <A href={`/fixtures/${r().fixtureId}`} class="hover:underline">{r().homeTeam} v {r().awayTeam}</A>
          <span class="block text-xs text-slate-500">{formatKickoff(new Date(r().kickoffAt))}</span>
        </span>
      </td>
      <td class={cardCell} data-label="Player">
        <span class="text-right md:text-left">
          <A href={`/players/${r().playerId}`} class="font-medium hover:underline" data-testid="board-player">{r().player}</A>
          <span class="block text-xs text-slate-500">{[r().position, r().team].filter(Boolean).join(' · ')}</span>
        </span>
      </td>
      <td class={cardCell} data-label="Market"><span class="text-right md:text-left">{PROP_MARKET_LABEL[r().market] ?? r().market} <span class="font-mono">{lineText(r())}</span></span></td>
      <td class={`${cardCell} md:text-right`} data-label="Projection"><span class="font-mono">{r().mean.toFixed(1)}</span></td>
      <td class={`${cardCell} md:text-right`} data-label="P(over)">{pct(r().model.over)}</td>
      <For each={props.books}>
        {(book) => {
          const q = () => r().books.find((b) => b.bookmaker === book);
          return (
            <td class={`${cardCell} md:text-right whitespace-nowrap`} data-label={book} data-testid="board-book">
              <span><Price side="over" book={book} price={q()?.over?.price} /> / <Price side="under" book={book} price={q()?.under?.price} /></span>
            </td>
          );
        }}
      </For>
      <BestCell side="over" />
      <BestCell side="under" />
      <td class={`${cardCell} md:text-right font-medium`} data-label="Edge">
        <span class={r().shownEdge !== null && r().shownEdge! > 0 ? 'text-emerald-700' : 'text-slate-600'} data-testid="board-edge">{r().shownEdge === null ? '—' : ev(r().shownEdge!)}</span>
      </td>
    </tr>
  );
}
