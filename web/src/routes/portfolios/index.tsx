import { A, createAsync, useLocation, useNavigate, type RouteDefinition } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { Field, FormError, inputClass, PrimaryButton } from '../../components/form.tsx';
import { money } from '../../components/portfolio/format.ts';
import { createBrowserResource } from '../../lib/account.ts';
import { friendlyError } from '../../lib/errors.ts';
import { requireMe } from '../../lib/session.ts';
import { api } from '../../lib/trpc.ts';

export const route = {
  preload: ({ location }) => requireMe(location.pathname + location.search),
} satisfies RouteDefinition;

/** Currencies offered by the form (any ISO 4217 code is accepted by the API). */
const CURRENCIES = ['EUR', 'GBP', 'USD', 'AUD', 'CAD', 'JPY'];

/** The caller's portfolios (signed-in only): each with bankroll, P&L and pending stake; and a form to create one. */
export default function Portfolios() {
  const location = useLocation();
  const navigate = useNavigate();
  const me = createAsync(() => requireMe(location.pathname + location.search), { deferStream: true });
  const [list] = createBrowserResource(() => api.portfolios.list.query({ includeArchived: true }));
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const create = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    try {
      const p = await api.portfolios.create.mutate({
        name: String(form.get('name') ?? ''), currency: String(form.get('currency') ?? 'EUR'), startingBankroll: String(form.get('bankroll') ?? ''),
      });
      navigate(`/portfolios/${p.id}`);
    } catch (err) {
      setError(friendlyError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Show when={me()}>
      <section class="space-y-6" data-testid="portfolios-page">
        <div>
          <h1 class="text-2xl font-semibold">Portfolios</h1>
          <p class="mt-1 text-sm text-slate-600">
            Track bets from the value finder and fixture pages, settle them on results and grade them against the closing line. See also the{' '}
            <A href="/track-record" class="text-indigo-700 hover:underline">platform’s own track record</A>.
          </p>
        </div>
        <Show when={list.error}>
          <p class="rounded-md bg-rose-50 p-3 text-sm text-rose-800">{friendlyError(list.error)}</p>
        </Show>
        <ul class="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="portfolio-list">
          <For each={list() ?? []} fallback={<Show when={list()}><li class="text-sm text-slate-500">No portfolio yet: create one below.</li></Show>}>
            {(p) => (
              <li class="min-w-0 rounded-lg border border-slate-200 bg-white p-4">
                <A href={`/portfolios/${p.id}`} class="block truncate font-medium text-indigo-700 hover:underline" data-testid="portfolio-link">{p.name}</A>
                <Show when={p.archived}><span class="text-xs text-slate-500">archived</span></Show>
                <dl class="mt-2 grid grid-cols-2 gap-1 text-sm">
                  <dt class="text-slate-500">Bankroll</dt>
                  <dd class="text-right tabular-nums">{money(p.bankroll, p.currency)}</dd>
                  <dt class="text-slate-500">Settled P&amp;L</dt>
                  <dd class="text-right tabular-nums">{money(p.pnl, p.currency, true)}</dd>
                  <dt class="text-slate-500">Pending</dt>
                  <dd class="text-right tabular-nums">{p.pendingBets} · {money(p.pendingStake, p.currency)}</dd>
                </dl>
              </li>
            )}
          </For>
        </ul>
        <form class="max-w-md space-y-3 rounded-lg border border-slate-200 bg-white p-4" onSubmit={create} data-testid="create-portfolio">
          <h2 class="font-medium">New portfolio</h2>
          <Field label="Name" name="name" required maxLength={80} />
          <div class="grid grid-cols-2 gap-3">
            <label class="block text-sm font-medium text-slate-700">
              Currency
              <select name="currency" class={inputClass}>
                <For each={CURRENCIES}>{(c) => <option value={c}>{c}</option>}</For>
              </select>
            </label>
            <Field label="Starting bankroll" name="bankroll" inputMode="decimal" required value="1000" />
          </div>
          <FormError message={error()} />
          <PrimaryButton type="submit" busy={busy()} busyLabel="Creating…">Create portfolio</PrimaryButton>
        </form>
      </section>
    </Show>
  );
}
