/**
 * Closing-line value: how the price a bet was taken at compares with the market's last word on it. The fair
 * closing price is a book's closing quote of the whole market with the margin removed multiplicatively
 * (p_i = π_i / Σπ, π = 1/price — Štrumbelj 2014; pricing's `priceTwoWay` for two-way markets, `removeVig`
 * otherwise) and read back as a price, 1/p. For a market that can push (a whole line) the two-way pair is
 * the probability given no push, and 1/p is then exactly the zero-EV price of a push-refunding bet
 * (pricing/fair-price.ts: (win + lose)/win).
 *
 *   CLV = price taken ÷ fair closing price − 1
 *
 * Positive CLV means the bet beat the close (taken at 2.10 when the fair close was 2.00: +5%) — over many
 * bets the best available evidence of an edge (Buchdahl, "Squares & Sharps, Suckers & Sharks", 2016).
 */
import { margin, priceTwoWay, removeVig } from '../pricing/index.ts';

/**
 * Margin-free decimal prices of every selection of one closing quote (in the quote's order), by the
 * multiplicative method. Null — never a throw — when a price is missing or not > 1, when there are fewer than
 * two, or when the quote has no positive margin (arbitrage, or sides captured at different times): such a
 * quote has no fair reading.
 */
export function fairClosingPrices(quote: readonly (number | null | undefined)[]): number[] | null {
  if (quote.length < 2 || quote.some((p) => p === null || p === undefined || !Number.isFinite(p) || p <= 1)) return null;
  const prices = quote as readonly number[];
  if (prices.length === 2) {
    const fair = priceTwoWay(prices[0], prices[1]).fair;
    return fair ? fair.map((p) => 1 / p) : null;
  }
  if (!(margin(prices) > 0)) return null;
  return removeVig(prices, 'multiplicative').map((p) => 1 / p);
}

/** CLV of a bet: price taken ÷ fair closing price − 1 (both decimal odds > 1). */
export function closingLineValue(priceTaken: number, fairClosingPrice: number): number {
  if (!(priceTaken > 1) || !(fairClosingPrice > 1) || !Number.isFinite(priceTaken) || !Number.isFinite(fairClosingPrice)) {
    throw new RangeError(`CLV needs two decimal prices > 1, got ${priceTaken} and ${fairClosingPrice}`);
  }
  return priceTaken / fairClosingPrice - 1;
}
