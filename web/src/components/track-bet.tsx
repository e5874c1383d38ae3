/**
 * "Track this bet" on a priced quote (value finder rows, fixture pages): a small button that opens a dialog to choose
 * one of your portfolios, with the stake prefilled by quarter Kelly on the model probability (bets.suggestStake, capped
 * at 5 % of the bankroll) and placed with bets.place at the book's current price. Signed-out visitors are sent to sign
 * in and brought back to this page.
 */
import { A, createAsync, useLocation, useNavigate } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, on, Show } from 'solid-js';
import { signInPath } from '../lib/return-to.ts';
import { friendlyError } from '../lib/errors.ts';
import { odds } from '../lib/format.ts';
import { getMe } from '../lib/session.ts';
import { api } from '../lib/trpc.ts';
import { FormError, inputClass, PrimaryButton } from './form.tsx';
import { money, signedPct } from './portfolio/format.ts';

type PlaceInput = Parameters<typeof api.bets.place.mutate>[0];
/** What the bet is on, in bets.place's terms (line: the HOME handicap for spreads and Asian lines). */
export type TrackSelection = Pick<PlaceInput, 'fixtureId' | 'market' | 'selection' | 'line' | 'playerId' | 'prop'>;

export function TrackBet(props: { selection: TrackSelection; bookmaker: string; price: number; label: string }) {
  const me = createAsync(() => getMe());
  const location = useLocation();
  const navigate = useNavigate();
  const [open, setOpen] = createSignal(false);
  const [portfolios] = createResource(open, async (o) => (o ? api.portfolios.list.query() : undefined));
  const [portfolioId, setPortfolioId] = createSignal<string>('');
  createEffect(on(portfolios, (ps) => { if (ps?.length && !ps.some((p) => p.id === portfolioId())) setPortfolioId(ps[0]!.id); }));
  const [suggestion] = createResource(
    () => (open() && portfolioId() ? portfolioId() : false),
    (id: string) => api.bets.suggestStake.query({ portfolioId: id, ...props.selection, bookmaker: props.bookmaker, fraction: 'quarter' }),
  );
  const [stake, setStake] = createSignal('');
  createEffect(on(suggestion, (s) => { if (s) setStake(s.stake > 0 ? String(s.stake) : ''); }));
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [placed, setPlaced] = createSignal<{ portfolioId: string; name: string } | null>(null);

  const start = () => {
    if (!me()) return navigate(signInPath(location.pathname + location.search));
    setError(null);
    setPlaced(null);
    setOpen(true);
  };
  const place = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.bets.place.mutate({ portfolioId: portfolioId(), clientRef: crypto.randomUUID(), ...props.selection, bookmaker: props.bookmaker, stake: stake() });
      setPlaced({ portfolioId: portfolioId(), name: portfolios()?.find((p) => p.id === portfolioId())?.name ?? 'your portfolio' });
    } catch (err) {
      setError(friendlyError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" class="whitespace-nowrap rounded border border-indigo-300 px-2 py-0.5 text-xs font-medium text-indigo-700 hover:bg-indigo-50"
        onClick={start} data-testid="track-bet" aria-label={`Track this bet: ${props.label}`}>
        Track
      </button>
      <Show when={open()}>
        <div class="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4" onClick={(e) => e.target === e.currentTarget && setOpen(false)}>
          <div role="dialog" aria-modal="true" aria-labelledby="track-bet-title" class="w-full max-w-sm space-y-3 rounded-lg bg-white p-4 text-left text-sm shadow-xl" data-testid="track-dialog">
            <div>
              <h2 id="track-bet-title" class="font-semibold">Track this bet</h2>
              <p class="mt-1 break-words text-slate-600">{props.label} · {props.bookmaker} @ {odds(props.price)}</p>
            </div>
            <Show when={placed()} fallback={
              <Show when={portfolios()} fallback={<p class="text-slate-500">{portfolios.error ? friendlyError(portfolios.error) : 'Loading…'}</p>}>
                {(ps) => (
                  <Show when={ps().length > 0} fallback={<p>You have no portfolio yet. <A href="/portfolios" class="text-indigo-700 underline">Create one</A> first.</p>}>
                    <form class="space-y-3" onSubmit={place}>
                      <label class="block font-medium text-slate-700">
                        Portfolio
                        <select class={inputClass} value={portfolioId()} onChange={(e) => setPortfolioId(e.currentTarget.value)} data-testid="track-portfolio">
                          <For each={ps()}>{(p) => <option value={p.id}>{p.name} ({money(p.bankroll, p.currency)})</option>}</For>
                        </select>
                      </label>
                      <label class="block font-medium text-slate-700">
                        Stake
                        <input class={inputClass} inputMode="decimal" required value={stake()} onInput={(e) => setStake(e.currentTarget.value)} data-testid="track-stake" />
                      </label>
                      <p class="text-xs text-slate-500" data-testid="track-kelly">
                        <Show when={suggestion()} fallback={suggestion.error ? `No Kelly suggestion: ${friendlyError(suggestion.error)}` : 'Working out the Kelly stake…'}>
                          {(s) => `Quarter Kelly: ${money(s().stake, s().currency)} (${(s().fractionOfBankroll * 100).toFixed(2)}% of the bankroll${s().capped ? ', capped' : ''}) — model ${(s().probability * 100).toFixed(1)}%, EV ${signedPct(s().expectedValue)}.`}
                        </Show>
                      </p>
                      <FormError message={error()} />
                      <div class="flex justify-end gap-2">
                        <button type="button" class="rounded-md px-3 py-2 hover:bg-slate-100" onClick={() => setOpen(false)}>Cancel</button>
                        <PrimaryButton type="submit" busy={busy()} busyLabel="Placing…" data-testid="track-place">Place</PrimaryButton>
                      </div>
                    </form>
                  </Show>
                )}
              </Show>
            }>
              {(p) => (
                <div class="space-y-3" data-testid="track-placed">
                  <p class="text-emerald-700">Tracked in {p().name}.</p>
                  <div class="flex justify-end gap-2">
                    <A href={`/portfolios/${p().portfolioId}`} class="rounded-md px-3 py-2 text-indigo-700 hover:bg-indigo-50">Open portfolio</A>
                    <button type="button" class="rounded-md bg-slate-100 px-3 py-2 hover:bg-slate-200" onClick={() => setOpen(false)}>Close</button>
                  </div>
                </div>
              )}
            </Show>
          </div>
        </div>
      </Show>
    </>
  );
}
