// Pricing: from decimal prices to probabilities and back — implied probabilities, the book's margin, vig removal,
// a two-way quote priced, fair prices, expected value (plain, with a push, Asian half-settlements), Kelly
// staking and the handicap sign flip. Sport-agnostic; the soccer and NFL models and the worker price with it.
export { impliedProbabilities, margin, removeVig, VIG_METHODS, type VigMethod } from './vig.ts';
export { priceTwoWay, type TwoWayPricing } from './two-way.ts';
export { fairPrice } from './fair-price.ts';
export { expectedValue, expectedValueWithPush, expectedValueAsian, type SettlementProbabilities } from './expected-value.ts';
export { kellyStake, kellyStakeAsian, type KellyOptions } from './kelly.ts';
export { flipHandicap } from './handicap.ts';
