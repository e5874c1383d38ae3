import { createAsync } from '@solidjs/router';
import { createEffect, createSignal, For, on } from 'solid-js';
import { ODDS_FORMATS, oddsFormat, isOddsFormat, type OddsFormat } from '../lib/display-prefs.ts';
import { changePreferences, loadPreferences } from '../lib/preferences.ts';
import { getMe } from '../lib/session.ts';

/** What each odds format is called in the settings. */
export const ODDS_FORMAT_LABEL: Record<OddsFormat, string> = { decimal: 'Decimal', american: 'American', fractional: 'Fractional' };

/**
 * Loads the display preferences (no UI; rendered once, in the nav's account corner): once mounted, and again
 * whenever who is signed in changes — the account's preferences replace the signed-out browser's.
 */
export function PreferencesLoader() {
  const me = createAsync(() => getMe());
  // `me()` is undefined while unknown; null when signed out. Effects run only in the browser, after hydration.
  createEffect(
    on(
      () => (me() === undefined ? undefined : (me()?.user.id ?? null)),
      (who) => {
        if (who !== undefined) void loadPreferences(who !== null);
      },
    ),
  );
  return null;
}

/**
 * The quick odds-format switch (the nav's bar from `sm` up, and wherever else a page wants it): shows the current
 * format and changes it — saved to the account when signed in, to this browser otherwise.
 */
export function OddsFormatToggle(props: { class?: string; testid?: string }) {
  const me = createAsync(() => getMe());
  const [failed, setFailed] = createSignal(false);
  const choose = async (value: string) => {
    if (!isOddsFormat(value)) return;
    setFailed(false);
    try {
      await changePreferences({ oddsFormat: value }, Boolean(me()));
    } catch {
      setFailed(true); // shown and kept in this browser; the account did not take it
    }
  };
  return (
    <label class={`items-center ${props.class ?? 'flex'}`} title={failed() ? 'Not saved to your account — kept in this browser' : 'How prices are shown'}>
      <span class="sr-only">Odds format</span>
      <select
        class="rounded-md border border-white/30 bg-brand py-1 pl-2 pr-7 text-xs font-medium text-white hover:bg-brand-dark focus:outline-none focus:ring-2 focus:ring-white"
        value={oddsFormat()}
        onChange={(e) => void choose(e.currentTarget.value)}
        data-testid={props.testid ?? 'odds-format-toggle'}
      >
        <For each={ODDS_FORMATS}>{(f) => <option value={f} class="bg-white text-slate-900">{ODDS_FORMAT_LABEL[f]}</option>}</For>
      </select>
    </label>
  );
}
