/**
 * A list of bets: when placed, the game, what it is on, book, price, stake, the closing line and CLV, the result and
 * P&L — scrolling inside its card at phone width. `onVoid`, when given, offers Void on pending bets before kick-off
 * (two clicks: the first asks to confirm).
 */
import { A } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { formatKickoff, gameName, odds } from '../../lib/format.ts';
import { ScrollBox } from '../scroll-box.tsx';
import { money, RESULT_STYLE, selectionLabel, signedPct, tone, type Bet } from './format.ts';

export function BetTable(props: { bets: Bet[]; onVoid?: (bet: Bet) => Promise<void>; now?: Date; testid?: string }) {
  const [confirming, setConfirming] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal<string | null>(null);
  const canVoid = (b: Bet) => props.onVoid && b.result === 'pending' && new Date(b.fixture.kickoffAt).getTime() > (props.now ?? new Date()).getTime();
  const voidBet = async (b: Bet) => {
    if (confirming() !== b.id) return setConfirming(b.id);
    setBusy(b.id);
    try {
      await props.onVoid!(b);
    } finally {
      setBusy(null);
      setConfirming(null);
    }
  };
  return (
    <ScrollBox label="Bets" class="relative rounded-lg border border-slate-200 bg-white">
      <table class="w-full min-w-[760px] text-sm" data-testid={props.testid ?? 'bet-table'}>
        <thead class="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th class="px-3 py-2">Game</th>
            <th class="px-3 py-2">Bet</th>
            <th class="px-3 py-2">Book</th>
            <th class="px-3 py-2 text-right">Price</th>
            <th class="px-3 py-2 text-right">Stake</th>
            <th class="px-3 py-2 text-right">Close</th>
            <th class="px-3 py-2 text-right">CLV</th>
            <th class="px-3 py-2">Result</th>
            <th class="px-3 py-2 text-right">P&amp;L</th>
            <Show when={props.onVoid}><th class="px-3 py-2"><span class="sr-only">Actions</span></th></Show>
          </tr>
        </thead>
        <tbody class="divide-y divide-slate-100">
          <For each={props.bets} fallback={<tr><td colspan="10" class="px-3 py-6 text-center text-slate-500">No bets.</td></tr>}>
            {(b) => (
              <tr data-testid="bet-row" data-result={b.result}>
                <td class="px-3 py-2">
                  <A href={`/fixtures/${b.fixture.id}`} class="font-medium text-indigo-700 hover:underline">{gameName(b.fixture.homeTeam, b.fixture.awayTeam)}</A>
                  <div class="text-xs text-slate-500">{formatKickoff(new Date(b.fixture.kickoffAt))}</div>
                </td>
                <td class="px-3 py-2">{selectionLabel(b)}</td>
                <td class="px-3 py-2 text-slate-600">{b.bookmaker ?? '—'}</td>
                <td class="px-3 py-2 text-right tabular-nums">{odds(b.price)}</td>
                <td class="px-3 py-2 text-right tabular-nums whitespace-nowrap">{money(b.stake, b.currency)}</td>
                <td class="px-3 py-2 text-right tabular-nums">{b.closing ? odds(b.closing.price) : '—'}</td>
                <td class={`px-3 py-2 text-right tabular-nums ${tone(b.closing?.clv)}`} data-testid="bet-clv">{b.closing ? signedPct(b.closing.clv) : '—'}</td>
                <td class="px-3 py-2">
                  <span class={`rounded px-1.5 py-0.5 text-xs font-medium ${RESULT_STYLE[b.result]?.cls ?? ''}`}>{RESULT_STYLE[b.result]?.label ?? b.result}</span>
                </td>
                <td class={`whitespace-nowrap px-3 py-2 text-right tabular-nums ${tone(b.pnl)}`} data-testid="bet-pnl">{b.pnl === null ? '—' : money(b.pnl, b.currency, true)}</td>
                <Show when={props.onVoid}>
                  <td class="px-3 py-2 text-right">
                    <Show when={canVoid(b)}>
                      <button type="button" class="whitespace-nowrap rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50 disabled:opacity-50"
                        disabled={busy() === b.id} onClick={() => void voidBet(b)}>
                        {confirming() === b.id ? 'Confirm void' : 'Void'}
                      </button>
                    </Show>
                  </td>
                </Show>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </ScrollBox>
  );
}
