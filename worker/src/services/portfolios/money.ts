/**
 * Money at the API's edge. Callers send and read amounts in CURRENCY UNITS (a bankroll of 1000 EUR, a stake of 12.5);
 * the database and ml's portfolio engine count integer MINOR units (ml/src/portfolio/money.ts). Amounts are converted
 * exactly — from their decimal text, never through floating-point multiplication — and an amount finer than the
 * currency's minor unit (12.555 EUR) is refused, not rounded.
 */
import { portfolio } from '@fairline/ml';
import { z } from 'zod';
import { AppError } from '../../lib/errors.ts';

/** An amount in currency units: a finite number (12.5) or its decimal text ("12.50"). */
export const amountInput = z.union([z.number().finite(), z.string().trim().min(1).max(32)]);

/** Decimal places of `currency`'s minor unit (EUR 2, JPY 0). BAD_REQUEST for a code that is not three capitals. */
export function decimalsOf(currency: string): number {
  try {
    return portfolio.currencyDecimals(currency);
  } catch (err) {
    throw new AppError('BAD_REQUEST', (err as Error).message);
  }
}

/**
 * `amount` currency units of `currency` as a positive whole number of minor units. BAD_REQUEST naming `what` for an
 * amount that is not a decimal, has more decimals than the currency, or is not above zero.
 */
export function positiveMinorUnits(amount: number | string, currency: string, what: string): number {
  const decimals = decimalsOf(currency);
  const text = typeof amount === 'number' ? numberText(amount) : amount;
  let minor: number;
  try {
    minor = portfolio.parseMinorUnits(text, decimals);
  } catch (err) {
    throw new AppError('BAD_REQUEST', `${what}: ${(err as Error).message} (${currency} has ${decimals} decimal place(s))`);
  }
  if (!(minor > 0)) throw new AppError('BAD_REQUEST', `${what} must be above 0, got ${text}`);
  return minor;
}

/** A number as plain decimal text (no exponent): 1e-7 would otherwise read as "1e-7". */
function numberText(x: number): string {
  const s = String(x);
  return /e/i.test(s) ? x.toFixed(20).replace(/\.?0+$/, '') : s;
}

/** `minor` minor units of `currency` in currency units, as a number (for JSON answers). */
export function toAmount(minor: number, currency: string): number {
  return portfolio.toMajorUnits(minor, decimalsOf(currency));
}

/** `minor` minor units of `currency` as exact decimal text with all its places ("-12.50"), for CSV. */
export function amountText(minor: number, currency: string): string {
  const decimals = decimalsOf(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(decimals + 1, '0');
  return decimals === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}
