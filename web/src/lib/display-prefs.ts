/**
 * The display preferences every page formats with — odds format and time zone — as Solid signals, so a change
 * re-renders every price and time on screen without any page knowing. Read by lib/format.ts; set only in the
 * browser by lib/preferences.ts (which loads them from the account or localStorage once mounted).
 *
 * The server renders before it can know the browser's time zone or stored choice, so the first render — on the
 * server AND during hydration — always uses the neutral defaults (decimal, UTC); the stored choice applies right
 * after mount. Server and client therefore hydrate the same text, and the server never sets these (they are module
 * state, which on the server would be shared by every request).
 */
import { createSignal } from 'solid-js';

/** How prices are shown: decimal (2.50), American (+150 / -200) or fractional (6/4). */
export type OddsFormat = 'decimal' | 'american' | 'fractional';
/** Every odds format, in the order settings list them. */
export const ODDS_FORMATS: readonly OddsFormat[] = ['decimal', 'american', 'fractional'];

const [oddsFormat, setOddsFormatSignal] = createSignal<OddsFormat>('decimal');
/** `null` until mounted: times render in UTC (what the server can render too). */
const [displayZone, setDisplayZoneSignal] = createSignal<string | null>(null);
/** The user's choice: an IANA zone, or null for the browser's own (what settings show selected). */
const [chosenZone, setChosenZoneSignal] = createSignal<string | null>(null);

export { oddsFormat, displayZone, chosenZone };

/** Sets the odds format on screen (browser only; ignored during server rendering). */
export function setOddsFormat(f: OddsFormat): void {
  if (!import.meta.env.SSR) setOddsFormatSignal(f);
}

/**
 * Sets the zone times are shown in: `chosen` (an IANA name) or, when null, `browser`'s own zone (browser only;
 * ignored during server rendering).
 */
export function setDisplayZone(chosen: string | null, browser: string): void {
  if (import.meta.env.SSR) return;
  setChosenZoneSignal(chosen);
  setDisplayZoneSignal(chosen ?? browser);
}

/** Whether `v` names an odds format. */
export const isOddsFormat = (v: unknown): v is OddsFormat => typeof v === 'string' && (ODDS_FORMATS as readonly string[]).includes(v);
