/**
 * The pure side of explanations on the web (components/explanation.tsx draws them): the API's `Explanation` shape
 * (as nfl.props.* and soccer.fairPrices answer it) and the words and numbers a reader sees.
 */

// The API's shape, from the worker itself (type only), so the page and the API cannot drift apart.
import type { Explanation, ExplanationFactor } from '@fairline/worker/explanation';

export type { Explanation, ExplanationFactor };

/** A signed contribution with a true minus sign: +8.1 / −2.3. */
export const signedContribution = (v: number, digits: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(digits)}`;

/** An input's value as read: shares and rates as percentages, large numbers whole, others to two places, missing as such. */
export function inputValue(f: Pick<ExplanationFactor, 'feature' | 'value'>): string {
  if (f.value === null) return 'missing';
  if (/share|rate|pct|percent|prob/i.test(f.feature) && Math.abs(f.value) <= 1) return `${(f.value * 100).toFixed(0)} %`;
  if (Math.abs(f.value) >= 100) return f.value.toFixed(0);
  return String(Math.round(f.value * 100) / 100);
}
