import { A, useParams } from '@solidjs/router';
import { TRPCClientError } from '@trpc/client';
import { createResource, createSignal, For, onMount, Show } from 'solid-js';
import { NotFound } from '../../components/not-found.tsx';
import { XyChart } from '../../components/charts/xy-canvas.tsx';
import { ExplanationView } from '../../components/explanation.tsx';
import { friendlyError } from '../../lib/errors.ts';
import { formatDay, formatKickoff, gameName, pct, PROP_MARKET_LABEL } from '../../lib/format.ts';
import { api } from '../../lib/trpc.ts';

type Page = Awaited<ReturnType<typeof api.nfl.props.player.query>>;
type Market = NonNullable<Page['next']>['markets'][number];
type Rate = Market['hitRates']['last5'];

const cell = 'px-2 py-1.5';
const num = (v: number | null) => (v === null ? '—' : String(Math.round(v * 10) / 10));
const rate = (r: Rate) => (r.rate === null ? '—' : `${r.overs}/${r.games} (${pct(r.rate)})`);

/** One market of the next game: projection, the law drawn with the book's line, P(over) by line, hit rates. */
function MarketCard(props: { m: Market }) {
  const m = () => props.m;
  const label = () => PROP_MARKET_LABEL[m().market] ?? m().market;
  return (
    <div class="min-w-0 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid="player-market">
      <h3 class="font-medium">{label()}
        <Show when={m().simulated}> <span class="rounded bg-amber-100 px-1 text-xs text-amber-800">simulated model</span></Show>
      </h3>
      <p class="mt-1 text-sm text-slate-600">
        Projection {num(m().mean)} · {m().bookLine === null ? 'no book line; at' : 'book line'} {m().line} · P(over) {pct(m().price.over)}
        <Show when={m().price.push >= 0.0005}> · push {pct(m().price.push)}</Show>
      </p>
      <Show when={m().distribution.length > 0} fallback={<p class="mt-2 text-sm text-slate-500">A yes/no market: no distribution to draw.</p>}>
        <div class="mt-3 grid gap-4 md:grid-cols-2">
          <figure class="min-w-0">
            <figcaption class="text-xs text-slate-500">Predictive distribution (probability per bin)</figcaption>
            <XyChart kind="bars" testId="distribution-chart" ariaLabel={`${label()}: predictive distribution with the line ${m().line} marked`}
              points={m().distribution.map((b) => ({ x: b.from, to: b.to, y: b.p }))} marker={{ x: m().line, label: `line ${m().line}` }}
              yFormat={(y) => `${(y * 100).toFixed(0)}%`} xLabel={label()} />
          </figure>
          <figure class="min-w-0">
            <figcaption class="text-xs text-slate-500">P(over) as a function of the line</figcaption>
            <XyChart kind="line" testId="over-curve-chart" ariaLabel={`${label()}: probability of the over by line`}
              points={m().overCurve.map((p) => ({ x: p.line, y: p.over }))} yMax={1} marker={{ x: m().line, label: `${pct(m().price.over)} at ${m().line}` }}
              yFormat={(y) => `${(y * 100).toFixed(0)}%`} xLabel="line" />
          </figure>
        </div>
      </Show>
      <dl class="mt-3 grid grid-cols-3 gap-2 text-sm" data-testid="hit-rates">
        <div><dt class="text-xs text-slate-500">Last 5 over {m().line}</dt><dd>{rate(m().hitRates.last5)}</dd></div>
        <div><dt class="text-xs text-slate-500">Last 10</dt><dd>{rate(m().hitRates.last10)}</dd></div>
        <div><dt class="text-xs text-slate-500">Season</dt><dd>{rate(m().hitRates.season)}</dd></div>
      </dl>
      {/* Why the model says what it says: the top factors of the projection (GBDT models; none for models without trees). */}
      <Show when={m().explanation}>
        {(x) => (
          <div class="mt-3">
            <ExplanationView explanation={x()} testId="player-explanation"
              headline={m().market === 'anytime_td' ? `Why ${pct(m().price.over)} to score` : `Why ${pct(m().price.over)} over ${m().line}`} />
          </div>
        )}
      </Show>
    </div>
  );
}

/** The player page (`/players/<id>`, NFL): next game's projections drawn, hit rates, and the game log (nfl.props.player). */
export default function PlayerPage() {
  const params = useParams<{ id: string }>();
  const valid = () => /^\d{1,15}$/.test(params.id) && Number(params.id) > 0;
  const [id, setId] = createSignal<number>();
  onMount(() => valid() && setId(Number(params.id)));
  const [page] = createResource(id, (playerId) => api.nfl.props.player.query({ playerId }));
  const notFound = () => !valid() || (page.error instanceof TRPCClientError && ['NOT_FOUND', 'BAD_REQUEST'].includes((page.error.data as { code?: string } | undefined)?.code ?? ''));
  const isQb = () => page()?.player.position === 'QB';
  return (
    <Show when={!notFound()} fallback={<NotFound what="Player" />}>
      <section class="space-y-4">
        <A href="/fixtures?sport=nfl" class="text-sm text-brand hover:underline">← NFL fixtures</A>
        <Show when={!page.error} fallback={<p class="text-rose-700" data-testid="player-error">{friendlyError(page.error)}</p>}>
          <Show when={page()} fallback={<p class="text-slate-500">Loading…</p>}>
            {(p) => (
              <>
                <div class="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200" data-testid="player-detail">
                  <h1 class="text-2xl font-semibold">{p().player.name}</h1>
                  <p class="text-sm text-slate-500">{[p().player.position, p().player.team].filter(Boolean).join(' · ')}</p>
                  <Show when={p().next} fallback={<p class="mt-2 text-sm text-slate-600">No upcoming game with a projection.</p>}>
                    {(n) => (
                      <p class="mt-2 text-sm">
                        Next: <A href={`/fixtures/${n().fixtureId}`} class="text-brand hover:underline">{gameName(n().homeTeam, n().awayTeam)}</A>{' '}
                        <span class="text-slate-500">· {formatKickoff(new Date(n().kickoffAt))}</span>
                      </p>
                    )}
                  </Show>
                </div>
                <For each={p().next?.markets ?? []}>{(m) => <MarketCard m={m} />}</For>
                <div class="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
                  <h2 class="font-medium">Game log</h2>
                  <Show when={p().gameLog.length} fallback={<p class="mt-2 text-sm text-slate-500">No games played yet.</p>}>
                    <div class="-mx-4 mt-2 overflow-x-auto px-4">
                      <table class="w-full text-sm" data-testid="game-log">
                        <thead class="text-left text-slate-500">
                          <tr>
                            <th class={cell}>Date</th><th class={cell}>Opponent</th>
                            <Show when={isQb()} fallback={<><th class={`${cell} text-right`}>Tgt</th><th class={`${cell} text-right`}>Rec</th><th class={`${cell} text-right`}>Rec yds</th><th class={`${cell} text-right`}>TD</th></>}>
                              <th class={`${cell} text-right`}>Cmp/Att</th><th class={`${cell} text-right`}>Pass yds</th><th class={`${cell} text-right`}>TD</th>
                            </Show>
                          </tr>
                        </thead>
                        <tbody class="divide-y divide-slate-100">
                          <For each={p().gameLog}>
                            {(g) => (
                              <tr data-testid="game-log-row">
                                <td class={`${cell} whitespace-nowrap`}><A href={`/fixtures/${g.fixtureId}`} class="hover:underline">{formatDay(new Date(g.kickoffAt))}</A></td>
                                <td class={`${cell} whitespace-nowrap`}>{g.home ? 'v' : '@'} {g.opponent ?? '—'}</td>
                                <Show when={isQb()} fallback={<><td class={`${cell} text-right`}>{num(g.targets)}</td><td class={`${cell} text-right`}>{num(g.receptions)}</td><td class={`${cell} text-right`}>{num(g.receivingYards)}</td><td class={`${cell} text-right`}>{num(g.receivingTds)}</td></>}>
                                  <td class={`${cell} text-right`}>{num(g.completions)}/{num(g.passAttempts)}</td><td class={`${cell} text-right`}>{num(g.passingYards)}</td><td class={`${cell} text-right`}>{num(g.passingTds)}</td>
                                </Show>
                              </tr>
                            )}
                          </For>
                        </tbody>
                      </table>
                    </div>
                  </Show>
                </div>
              </>
            )}
          </Show>
        </Show>
      </section>
    </Show>
  );
}
