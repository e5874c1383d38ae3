/**
 * Pricing one book's two-way quote (over/under, home/away at a handicap): its margin and its margin-free pair
 * of probabilities, multiplicative (p_i = π_i / Σπ, π = 1/price; Štrumbelj 2014, as `removeVig`'s default).
 *
 * Unlike `removeVig`, this never throws: a quote with one side missing has no margin, and a quote whose margin
 * is not positive (arbitrage, or two prices captured at different times) has no fair pair — those are
 * ordinary states of a live book, reported as null. For two prices > 1 the arithmetic equals
 * `margin` / `removeVig(…, 'multiplicative')` to the last bit (1 + (Σπ − 1) is Σπ exactly for Σπ ∈ [1, 2]).
 */

/** A two-way quote priced: the book's margin and its margin-free probabilities of the first and second side. */
export interface TwoWayPricing {
  /** Σ 1/price − 1; null when either side is not quoted. */
  margin: number | null;
  /** Margin-free P(first side), P(second side) given no push; null unless the margin is positive. */
  fair: [number, number] | null;
}

/**
 * Margin and margin-free pair of a two-way quote from its decimal prices (`null`/`undefined` = that side is
 * not quoted). Prices are the stored, validated decimal odds (> 1).
 */
export function priceTwoWay(first: number | null | undefined, second: number | null | undefined): TwoWayPricing {
  if (first === null || first === undefined || second === null || second === undefined) return { margin: null, fair: null };
  const margin = 1 / first + 1 / second - 1;
  const fair: [number, number] | null = margin > 0 ? [1 / first / (1 + margin), 1 / second / (1 + margin)] : null;
  return { margin, fair };
}
