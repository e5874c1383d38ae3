// @fairline/ml — the public surface. Each area owns its own index; this file only gathers them.
export * as numerics from './numerics/index.ts';
export * as soccer from './soccer/index.ts';
export * as gbdt from './gbdt/index.ts';
export * as pricing from './pricing/index.ts';
export * as nfl from './nfl/index.ts';
export * as portfolio from './portfolio/index.ts';
