/** The headline figures of a portfolio (or the track record): P&L, ROI, yield, max drawdown, mean CLV, bets. */
import { For } from 'solid-js';
import { money, signedPct, tone, type Stats } from './format.ts';

export interface Figure {
  label: string;
  value: string;
  /** Sign for the colour (positive green, negative red); null: neutral. */
  sign?: number | null;
  hint?: string;
  testid: string;
}

export function StatCards(props: { figures: Figure[] }) {
  return (
    <dl class="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      <For each={props.figures}>
        {(f) => (
          <div class="min-w-0 rounded-lg border border-slate-200 bg-white p-3">
            <dt class="text-xs uppercase tracking-wide text-slate-500">{f.label}</dt>
            <dd class={`mt-1 truncate text-lg font-semibold tabular-nums ${tone(f.sign ?? null)}`} data-testid={f.testid}>{f.value}</dd>
            {f.hint && <dd class="truncate text-xs text-slate-500">{f.hint}</dd>}
          </div>
        )}
      </For>
    </dl>
  );
}

/** The figures of a portfolio's statistics. */
export function statFigures(s: Stats): Figure[] {
  const dd = s.maxDrawdown;
  return [
    { label: 'P&L', value: money(s.pnl, s.currency, true), sign: s.pnl, testid: 'stat-pnl', hint: `${money(s.staked, s.currency)} staked` },
    { label: 'ROI', value: signedPct(s.roi), sign: s.roi, testid: 'stat-roi', hint: 'P&L ÷ staked' },
    { label: 'Yield', value: signedPct(s.yield), sign: s.yield, testid: 'stat-yield', hint: 'P&L ÷ starting bankroll' },
    {
      label: 'Max drawdown', value: dd.amount === 0 ? money(0, s.currency) : `−${money(dd.amount, s.currency)}`, sign: dd.amount > 0 ? -1 : null, testid: 'stat-drawdown',
      hint: dd.fractionOfPeak === null ? 'peak to trough' : `${(dd.fractionOfPeak * 100).toFixed(1)}% of the peak`,
    },
    { label: 'Mean CLV', value: signedPct(s.meanClv), sign: s.meanClv, testid: 'stat-clv', hint: `${s.clvBets} bet${s.clvBets === 1 ? '' : 's'} graded` },
    { label: 'Settled bets', value: String(s.bets), testid: 'stat-bets', hint: `${s.actualWins.toFixed(1)} won vs ${s.expectedWins.toFixed(1)} expected` },
  ];
}
