// Odds: margin removal, expected value and Kelly staking.
export { impliedProbabilities, margin, removeVig, VIG_METHODS, type VigMethod } from './vig.ts';
export {
  expectedValue,
  expectedValueAsian,
  kellyStake,
  kellyStakeAsian,
  type KellyOptions,
  type SettlementProbabilities,
} from './staking.ts';
