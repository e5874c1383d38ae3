import { Show } from 'solid-js';
import { BetTable } from '../components/portfolio/bet-table.tsx';
import { BankrollChart, ClvHistogram, DrawdownChart } from '../components/portfolio/charts.tsx';
import { money, signedPct } from '../components/portfolio/format.ts';
import { StatCards, statFigures } from '../components/portfolio/stat-cards.tsx';
import { createBrowserResource } from '../lib/account.ts';
import { friendlyError } from '../lib/errors.ts';
import { api } from '../lib/trpc.ts';

/**
 * The public track record: every value bet the platform's NFL models flag at the stated edge, recorded when flagged
 * at the price then available (flat stake), graded against the close and settled like any bet — ROI, CLV, the charts,
 * every pick, and the audit chain's head hash and length with how to check that nothing was added or edited later.
 */
export default function TrackRecord() {
  const [record] = createBrowserResource(() => api.trackRecord.summary.query());
  return (
    <section class="space-y-6" data-testid="track-record-page">
      <div>
        <h1 class="text-2xl font-semibold">Track record</h1>
        <p class="mt-1 max-w-3xl text-sm text-slate-600">
          The platform’s own picks: every value bet our NFL models (player props and game lines) flag at or above the stated edge, recorded the moment it is
          flagged at the price then on offer, with a flat stake, graded against the closing line and settled on the result. Nothing is picked after the fact.
        </p>
      </div>
      <Show when={record.error}>
        <p class="rounded-md bg-rose-50 p-3 text-sm text-rose-800">{friendlyError(record.error)}</p>
      </Show>
      <Show when={record()} fallback={<Show when={!record.error}><p class="text-slate-500">Loading…</p></Show>}>
        {(r) => (
          <>
            <p class="text-sm text-slate-700" data-testid="track-record-rule">
              Picks: EV ≥ <strong>{signedPct(r().minEdge)}</strong> under the model, kick-off within {r().horizonDays} days, stake{' '}
              {money(r().stake, r().currency)} each. {r().bets} picks, {r().settled} settled, {r().pending} pending.
            </p>
            <StatCards
              figures={[
                { label: 'Picks', value: String(r().bets), testid: 'tr-bets', hint: `${r().settled} settled` },
                { label: 'P&L', value: money(r().pnl, r().currency, true), sign: r().pnl, testid: 'tr-pnl' },
                { label: 'ROI', value: signedPct(r().roi), sign: r().roi, testid: 'tr-roi', hint: 'P&L ÷ staked' },
                { label: 'Mean CLV', value: signedPct(r().clv), sign: r().clv, testid: 'tr-clv', hint: 'vs the fair close' },
                ...(r().stats ? statFigures(r().stats!).filter((f) => f.testid === 'stat-drawdown') : []),
              ]}
            />
            <Show when={r().stats}>
              {(s) => (
                <div class="grid grid-cols-1 gap-4 lg:grid-cols-3">
                  <BankrollChart stats={s()} />
                  <DrawdownChart stats={s()} />
                  <ClvHistogram stats={s()} />
                </div>
              )}
            </Show>
            <div class="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="track-record-audit">
              <h2 class="font-medium">Verify it</h2>
              <p class="mt-1 text-slate-600">
                Every pick, closing line and settlement is an entry in an append-only audit chain: each entry’s hash is SHA-256 of the previous hash and the
                entry’s canonical JSON, so adding, removing or editing a pick after the fact changes every hash after it. Note the head below; later, the
                chain must still pass through it.
              </p>
              <dl class="mt-3 grid gap-2 sm:grid-cols-[auto_1fr]">
                <dt class="text-slate-500">Chain head</dt>
                <dd class="break-all font-mono text-xs" data-testid="audit-head">{r().audit.head ?? '— (empty chain)'}</dd>
                <dt class="text-slate-500">Entries</dt>
                <dd class="font-mono text-xs" data-testid="audit-length">{r().audit.length}</dd>
              </dl>
              <p class="mt-3 text-slate-600">
                With database access, <code class="rounded bg-slate-100 px-1">npx fairline audit verify</code> recomputes every hash and names the first
                broken link (exit status non-zero). Partners can read the same data at <code class="break-all rounded bg-slate-100 px-1">GET /api/v1/track-record</code> with any API key.
              </p>
            </div>
            <div class="space-y-2">
              <h2 class="text-lg font-medium">Picks</h2>
              <BetTable bets={r().picks} testid="track-record-picks" />
            </div>
          </>
        )}
      </Show>
    </section>
  );
}
