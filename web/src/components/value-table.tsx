/**
 * The value finder's table: one row per priced bet of any sport, sortable by its column headers. From `md` up a
 * table (scrolling inside its own box if it must); on a phone each row is a card whose cells carry their column's
 * name (`data-label`), so nothing is wider than the screen.
 */
import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { ev, formatKickoff, odds, pct } from '../lib/format.ts';
import { kellyStake, winShare, type Sort, type ValueRow, type ValueView } from '../lib/value-rows.ts';
import { TrackBet } from './track-bet.tsx';
import { cardCell, cardRow, cardTable, cardTbody, cardThead } from './card-table.ts';

/** Row test ids by kind (the portfolio journey tracks a game line by `game-line-value-row`). */
const ROW_ID: Record<ValueRow['kind'], string> = { soccer: 'soccer-value-row', prop: 'prop-value-row', line: 'game-line-value-row' };

const money = (amount: number, currency: string | null) =>
  currency ? amount.toLocaleString('en-GB', { style: 'currency', currency }) : amount.toLocaleString('en-GB', { maximumFractionDigits: 2 });

export function ValueTable(props: { rows: ValueRow[]; view: ValueView; bankroll: number; currency: string | null; onSort: (sort: Sort, desc: boolean) => void }) {
  /** A sortable header: a click sorts by it (numbers best first), a second click reverses. */
  const Th = (p: { sort?: Sort; label: string; right?: boolean; firstDesc?: boolean }) => (
    <th class={`px-2 py-1.5 font-medium ${p.right ? 'text-right' : ''}`}
      aria-sort={p.sort && props.view.sort === p.sort ? (props.view.desc ? 'descending' : 'ascending') : undefined}>
      <Show when={p.sort} fallback={p.label}>
        {(s) => (
          <button type="button" class="inline-flex items-center gap-1 hover:text-slate-900" data-sort={s()}
            onClick={() => props.onSort(s(), props.view.sort === s() ? !props.view.desc : p.firstDesc ?? true)}>
            {p.label}
            <span aria-hidden="true" class="text-xs">{props.view.sort === s() ? (props.view.desc ? '▼' : '▲') : ''}</span>
          </button>
        )}
      </Show>
    </th>
  );
  return (
    <div class="md:overflow-x-auto" data-testid="value-table">
      <table class={`${cardTable} text-sm`}>
        <thead class={`${cardThead} text-left text-slate-500`}>
          <tr>
            <Th sort="kickoff" label="Game" firstDesc={false} /><Th sort="market" label="Market" firstDesc={false} /><Th label="Bet" />
            <Th sort="book" label="Book" firstDesc={false} /><Th sort="price" label="Price" right /><Th label="Model" right /><Th label="Fair" right />
            <Th label="Book P" right /><Th sort="ev" label="EV" right /><Th sort="kelly" label="Kelly" right /><th class="px-2 py-1.5" aria-label="Track" />
          </tr>
        </thead>
        <tbody class={`${cardTbody} md:divide-y md:divide-slate-100`}>
          <For each={props.rows}>
            {(r) => (
              <tr class={cardRow} data-testid={ROW_ID[r.kind]} data-value-row={r.kind} data-sport={r.sport}>
                <td class={cardCell} data-label="Game">
                  <span class="text-right md:text-left">
                    <A href={`/fixtures/${r.fixtureId}`} class="hover:underline" data-testid="value-game">{r.game}</A>
                    <span class="block text-xs text-slate-500">{formatKickoff(r.kickoffAt)}</span>
                  </span>
                </td>
                <td class={cardCell} data-label="Market">
                  <span class="text-right md:text-left">
                    <span class="text-xs uppercase tracking-wide text-slate-500">{r.sport === 'soccer' ? 'Soccer' : 'NFL'}</span>{' '}
                    <span data-testid="value-market">{r.marketLabel}</span>
                    <Show when={r.note}><span class="block text-xs text-slate-500">{r.note}</span></Show>
                  </span>
                </td>
                <td class={cardCell} data-label="Bet"><span class="text-right md:text-left">{r.bet}</span></td>
                <td class={cardCell} data-label="Book"><span data-testid="value-book">{r.bookmaker}</span></td>
                <td class={`${cardCell} md:text-right font-mono`} data-label="Price"><span data-testid="price">{odds(r.price)}</span></td>
                <td class={`${cardCell} md:text-right`} data-label="Model">
                  <span class="text-right">
                    {pct(winShare(r.settlement))}
                    <Show when={r.settlement.push >= 0.0005}><span class="block text-xs text-slate-500">push {pct(r.settlement.push)}</span></Show>
                    <Show when={r.settlement.halfWin + r.settlement.halfLoss >= 0.0005}>
                      <span class="block text-xs text-slate-500">half {pct(r.settlement.halfWin + r.settlement.halfLoss)}</span>
                    </Show>
                  </span>
                </td>
                <td class={`${cardCell} md:text-right font-mono`} data-label="Fair"><span data-testid="price">{odds(r.fairPrice)}</span></td>
                <td class={`${cardCell} md:text-right`} data-label="Book P">{r.bookFair === null ? '—' : pct(r.bookFair)}</td>
                <td class={`${cardCell} md:text-right font-medium text-emerald-700`} data-label="EV"><span data-testid="value-ev">{ev(r.expectedValue)}</span></td>
                <td class={`${cardCell} md:text-right whitespace-nowrap`} data-label="Kelly"><span data-testid="value-kelly">{money(kellyStake(r, props.bankroll), props.currency)}</span></td>
                <td class={`${cardCell} md:text-right`} data-label="">
                  <TrackBet selection={r.selection} bookmaker={r.bookmaker} price={r.price} label={`${r.game}: ${r.marketLabel} ${r.bet}`} />
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
