/**
 * Money in the portfolio engine: every amount (stake, P&L, bankroll) is an integer number of MINOR UNITS of the
 * portfolio's currency (cents for EUR, yen for JPY — `currencyDecimals`), as the database stores it. Prices are
 * decimal odds and are not money; for money they count to 6 decimal places (`priceMicros`: a price is read as
 * the nearest multiple of 0.000001, which every decimal price a book quotes is, and American odds converted to
 * decimal are to within that).
 *
 * P&L of a settled bet, exactly (integer arithmetic in BigInt, no binary-fraction error), then rounded to the
 * minor unit half away from zero — as Postgres' round(numeric) does, so SQL recomputing it agrees:
 *   won       stake·(price − 1)           half_won   stake/2·(price − 1)
 *   push/void 0                           half_lost  −stake/2
 *   lost      −stake
 * (a half-loss of an odd stake of 101 cents loses 51: −50.5 rounded away from zero).
 */
import type { SettledResult } from './settle.ts';

/** Price precision used for money: a price is counted in millionths (1.95 → 1 950 000). */
export const PRICE_MICROS = 1_000_000n;

/** Throws a RangeError unless `stake` is a positive whole number of minor units (a safe integer). */
export function checkStake(stake: number): void {
  if (!Number.isSafeInteger(stake) || stake <= 0) throw new RangeError(`stake must be a positive whole number of minor units, got ${stake}`);
}

/** A decimal price > 1 as an integer number of millionths (rounded to the nearest). Throws a RangeError otherwise. */
export function priceMicros(price: number): bigint {
  if (!Number.isFinite(price) || price <= 1) throw new RangeError(`price must be decimal odds > 1, got ${price}`);
  const micros = BigInt(Math.round(price * 1e6));
  if (micros <= PRICE_MICROS) throw new RangeError(`price must be decimal odds > 1, got ${price}`);
  return micros;
}

/** numerator/denominator (denominator > 0) rounded to the nearest integer, halves away from zero. */
export function roundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const sign = numerator < 0n ? -1n : 1n;
  const n = numerator * sign;
  return sign * ((2n * n + denominator) / (2n * denominator));
}

/**
 * Profit or loss of a settled bet in minor units: `stake` minor units at decimal `price` with result `result`
 * (the table in the file comment), rounded half away from zero. Checks the stake and the price.
 */
export function profitMinor(stake: number, price: number, result: SettledResult): number {
  checkStake(stake);
  const p = priceMicros(price);
  const s = BigInt(stake);
  switch (result) {
    case 'won':
      return Number(roundHalfAwayFromZero(s * (p - PRICE_MICROS), PRICE_MICROS));
    case 'half_won':
      return Number(roundHalfAwayFromZero(s * (p - PRICE_MICROS), 2n * PRICE_MICROS));
    case 'push':
    case 'void':
      return 0;
    case 'half_lost':
      return Number(roundHalfAwayFromZero(-s, 2n));
    case 'lost':
      return -stake;
  }
}

/**
 * Profit per unit staked of a settled result at decimal `price`, unrounded: o − 1, (o − 1)/2, 0, −½, −1. The
 * settlement counterpart of pricing's `expectedValueAsian` (its expectation over the results).
 */
export function profitPerUnit(result: SettledResult, price: number): number {
  switch (result) {
    case 'won':
      return price - 1;
    case 'half_won':
      return (price - 1) / 2;
    case 'push':
    case 'void':
      return 0;
    case 'half_lost':
      return -0.5;
    case 'lost':
      return -1;
  }
}

/**
 * A decimal amount written as text ("10", "2.5", "-0.75") → integer minor units with `decimals` decimal places,
 * exactly (no floating point). Throws a RangeError for anything else, for more decimals than `decimals`, and
 * for an amount beyond Number.MAX_SAFE_INTEGER minor units.
 */
export function parseMinorUnits(text: string, decimals: number): number {
  const m = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(text.trim()) ?? /^([+-]?)()\.(\d+)$/.exec(text.trim());
  if (!m) throw new RangeError(`not a decimal amount: "${text}"`);
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  if (fraction.length > decimals) throw new RangeError(`"${text}" has more than ${decimals} decimal place(s)`);
  const minor = BigInt((m[2] || '0') + fraction.padEnd(decimals, '0')) * (m[1] === '-' ? -1n : 1n);
  if (minor > BigInt(Number.MAX_SAFE_INTEGER) || -minor > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`amount too large: "${text}"`);
  return Number(minor) === 0 ? 0 : Number(minor);
}

/** Integer minor units → the amount in major units as a number (1050 with 2 decimals → 10.5), for display and JSON. */
export function toMajorUnits(minor: number, decimals: number): number {
  const v = minor / 10 ** decimals;
  return v === 0 ? 0 : v;
}

/**
 * Decimal places of a currency's minor unit (ISO 4217 via Intl: EUR 2, JPY 0, KWD 3; a well-formed code Intl
 * does not know gets 2). Throws a RangeError unless `currency` is three capital letters.
 */
export function currencyDecimals(currency: string): number {
  if (!/^[A-Z]{3}$/.test(currency)) throw new RangeError(`currency must be an ISO 4217 code like EUR, got "${currency}"`);
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}
