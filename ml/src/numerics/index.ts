// Numerics core: special functions, distributions in log space, compensated sums, a seeded RNG, L-BFGS.
export { logGamma, logFactorial } from './log-gamma.ts';
export { poissonLogPmf, poissonPmf, poissonPmfVector } from './poisson.ts';
export { sum, mean, CompensatedSum } from './sum.ts';
export { createRng, poissonByProduct, type Rng } from './rng.ts';
export { minimizeLbfgs, type LbfgsOptions, type LbfgsResult, type ObjectiveWithGradient } from './lbfgs.ts';
export { minimizeLbfgsBounded, type Bounds } from './bounds.ts';
