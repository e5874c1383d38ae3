/**
 * The stake suggestion offered when a bet is tracked: full, half or quarter Kelly (pricing/kelly.ts) on the
 * model's probability at the price on offer, capped at a share of the bankroll, in whole minor units rounded
 * down (never suggest more than the rule allows). Quarter Kelly with a 5% cap is the default: full Kelly on a
 * model probability over-bets as soon as the model is over-confident (Thorp 2006), and a cap bounds any one bet.
 */
import { kellyStake, kellyStakeAsian, type SettlementProbabilities } from '../pricing/index.ts';
import { checkStake } from './money.ts';

/** The Kelly multipliers offered: full, half, quarter. */
export const KELLY_FRACTIONS = { full: 1, half: 0.5, quarter: 0.25 } as const;
/** One of `KELLY_FRACTIONS`' names. */
export type KellyFraction = keyof typeof KELLY_FRACTIONS;

/** Largest suggested stake as a fraction of the bankroll, unless the caller names another cap. */
export const DEFAULT_STAKE_CAP = 0.05;

/** What a stake suggestion needs. */
export interface StakeSuggestionInput {
  /** P(win) for a win-or-lose bet; the five settlement probabilities for a line that can push or half-settle. */
  probability: number | SettlementProbabilities;
  /** Decimal price on offer (> 1). */
  price: number;
  /** Current bankroll in minor units (a positive whole number). */
  bankroll: number;
  /** Default 'quarter'. */
  fraction?: KellyFraction;
  /** Largest stake as a fraction of the bankroll, in [0, 1]; default DEFAULT_STAKE_CAP. */
  cap?: number;
}

/** A suggested stake: as a fraction of the bankroll and in minor units (0 when the bet has no edge). */
export interface StakeSuggestion {
  fractionOfBankroll: number;
  stake: number;
  /** True when the cap, not Kelly, set the stake. */
  capped: boolean;
}

/** The Kelly stake suggestion for a bet (see the file comment). Throws a RangeError for invalid inputs. */
export function suggestStake(input: StakeSuggestionInput): StakeSuggestion {
  checkStake(input.bankroll);
  const cap = input.cap ?? DEFAULT_STAKE_CAP;
  if (!(cap >= 0 && cap <= 1)) throw new RangeError(`stake cap must be in [0, 1], got ${cap}`);
  const fraction = KELLY_FRACTIONS[input.fraction ?? 'quarter'];
  if (fraction === undefined) throw new RangeError(`Kelly fraction must be one of ${Object.keys(KELLY_FRACTIONS).join(', ')}`);
  const p = input.probability;
  const uncapped = typeof p === 'number' ? kellyStake(p, input.price, { fraction }) : kellyStakeAsian(p, input.price, { fraction });
  const share = Math.min(uncapped, cap);
  return { fractionOfBankroll: share, stake: Math.floor(share * input.bankroll), capped: uncapped > cap };
}
