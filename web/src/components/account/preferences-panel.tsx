import { createSignal, For, onMount } from 'solid-js';
import { chosenZone, displayZone, ODDS_FORMATS, oddsFormat, type OddsFormat } from '../../lib/display-prefs.ts';
import { friendlyError } from '../../lib/errors.ts';
import { formatKickoff, formatOdds } from '../../lib/format.ts';
import { browserZone, changePreferences, type Preferences } from '../../lib/preferences.ts';
import { FormError, inputClass } from '../form.tsx';
import { ODDS_FORMAT_LABEL } from '../odds-format-toggle.tsx';

/** The value of the time-zone select that means "follow the browser". */
const BROWSER = '';

/**
 * The account's display settings: odds format (with a sample price in each) and time zone (the browser's own, or
 * a chosen IANA zone). Saved to the account as they change; every price and time on every page follows at once.
 */
export function PreferencesPanel() {
  const [zones, setZones] = createSignal<string[]>([]);
  const [browser, setBrowser] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [saved, setSaved] = createSignal(false);
  onMount(() => {
    setBrowser(browserZone());
    const all = Intl.supportedValuesOf('timeZone');
    setZones(all.includes('UTC') ? all : ['UTC', ...all]);
  });
  const save = async (change: Partial<Preferences>) => {
    setError(null);
    setSaved(false);
    try {
      await changePreferences(change, true);
      setSaved(true);
    } catch (err) {
      setError(friendlyError(err));
    }
  };
  const sample = new Date(Date.UTC(2026, 6, 4, 18, 30));
  return (
    <div class="space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5" data-testid="preferences-panel">
      <div>
        <h2 class="font-medium">Display</h2>
        <p class="mt-1 text-sm text-slate-600">How prices and times are shown on every page. Saved to your account, so they follow you to any browser.</p>
      </div>
      <FormError message={error()} />
      <fieldset>
        <legend class="text-sm font-medium text-slate-700">Odds format</legend>
        <div class="mt-2 flex flex-wrap gap-2">
          <For each={ODDS_FORMATS}>
            {(f: OddsFormat) => (
              <label class="flex cursor-pointer items-center gap-2 rounded-md px-3 py-2 text-sm ring-1 ring-slate-300 has-[:checked]:bg-brand/10 has-[:checked]:ring-brand has-[:focus-visible]:ring-2">
                <input type="radio" name="odds-format" value={f} checked={oddsFormat() === f} onChange={() => void save({ oddsFormat: f })} class="accent-brand" />
                {ODDS_FORMAT_LABEL[f]} <span class="font-mono text-slate-600">{formatOdds(2.5, f)} · {formatOdds(1.5, f)}</span>
              </label>
            )}
          </For>
        </div>
      </fieldset>
      <div>
        <label class="block text-sm font-medium text-slate-700">
          Time zone
          <select class={`${inputClass} sm:max-w-sm`} onChange={(e) => void save({ timeZone: e.currentTarget.value === BROWSER ? null : e.currentTarget.value })} data-testid="time-zone-select">
            <option value={BROWSER} selected={chosenZone() === null}>This browser’s ({browser() ?? '…'})</option>
            <For each={zones()}>{(z) => <option value={z} selected={chosenZone() === z}>{z.replaceAll('_', ' ')}</option>}</For>
          </select>
        </label>
        <p class="mt-1 text-xs text-slate-600">
          A kick-off at 18:30 UTC on 4 July reads <span class="font-mono" data-testid="time-sample">{displayZone() ? formatKickoff(sample) : '…'}</span>.
        </p>
      </div>
      <p class="min-h-5 text-sm text-emerald-800" role="status">{saved() ? 'Saved.' : ''}</p>
    </div>
  );
}
