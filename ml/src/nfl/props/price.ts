/**
 * Pricing a prop line from a stored projection's centre μ and the two parts of a prop model that pricing needs
 * — the predictive law and the P(over) calibration — without the centre's trees: an API request prices
 * projections made earlier (projections.ts), so it never has to load or run the GBDTs.
 *
 * Over/under settle on whole units (yards and counts). A half line (65.5) has no push. A whole line (5)
 * pushes when Y = 5: the over wins on Y ≥ 6 and the under on Y ≤ 4, and the stake is returned on a push.
 * Both one-sided probabilities are calibrated with the same monotone map (so P(push) ≥ 0 holds), and the fair
 * price is the one with zero expected value given the refund: p_over·(o − 1) − p_under = 0 ⇒ o = (p_over +
 * p_under)/p_over. Yes/no markets (anytime TD: no distribution) price P(yes) = the calibrated centre.
 */
import type { IsotonicModel } from '../../calibration/index.ts';
import { fairPrice } from '../../pricing/index.ts';
import { applyOverCalibration } from './calibrate.ts';
import { probOver, type ScaledResidual } from './distributions/scaled-residual.ts';

/** What pricing reads from a prop model artifact (PropModel satisfies it). */
export interface LinePricingModel {
  distribution: ScaledResidual | null;
  calibration: IsotonicModel;
}

export interface LinePrice {
  /** The line priced (0.5 for yes/no markets). */
  line: number;
  over: number;
  under: number;
  push: number;
  /** Margin-free decimal prices of the over and the under (a push refunds the stake): pricing's fairPrice. */
  fairPrice: { over: number; under: number };
}

/**
 * Prices a line for a projection centred on `mu`: calibrated P(over), P(under), P(push) and both fair prices
 * (push refunds, pricing/fair-price.ts). Yes/no markets ignore `line` and price ½. Throws on a non-finite centre
 * or a line that is not a whole or half unit ≥ 0.
 */
export function priceLine(m: LinePricingModel, mu: number, line: number): LinePrice {
  if (!Number.isFinite(mu)) throw new RangeError(`props: projection centre must be finite, got ${mu}`);
  const d = m.distribution;
  if (!d) {
    const yes = applyOverCalibration(m.calibration, mu);
    return { line: 0.5, over: yes, under: 1 - yes, push: 0, fairPrice: { over: fairPrice(yes), under: fairPrice(1 - yes) } };
  }
  if (!Number.isFinite(line) || line < 0) throw new RangeError(`props: a line must be a finite number ≥ 0, got ${line}`);
  if (!Number.isInteger(line * 2)) throw new RangeError(`props: lines are whole or half units, got ${line}`);
  const over = applyOverCalibration(m.calibration, probOver(d, mu, line));
  // P(Y ≥ L) for a whole line on whole units; for a half line it is P(over) itself.
  const atLeast = d.wholeUnits && Number.isInteger(line) ? applyOverCalibration(m.calibration, probOver(d, mu, line - 1)) : over;
  let push = Math.max(0, atLeast - over);
  // Counts are never negative, but the continuous law behind them has a little mass below −½: under a line of
  // 0 cannot win, so that mass is a push (Y = 0). (Yards can be negative: a rushing loss.)
  if (d.discrete && line === 0) push = 1 - over;
  const under = Math.max(0, 1 - over - push);
  return { line, over, under, push, fairPrice: { over: fairPrice(over, under), under: fairPrice(under, over) } };
}
