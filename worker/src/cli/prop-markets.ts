/** The `--markets a,b` option of the props commands. */
import { ALL_MARKETS, MARKETS, type MarketName } from '@fairline/ml/nfl/props/index';
import { UsageError } from './command.ts';

/** The prop markets named in `spec` (comma-separated; every market when not given); an unknown name is a usage error. */
export function propMarkets(spec: string | undefined): MarketName[] {
  const markets = (spec ? spec.split(',').map((m) => m.trim()) : ALL_MARKETS) as MarketName[];
  const unknown = markets.filter((m) => !(m in MARKETS));
  if (unknown.length) throw new UsageError(`unknown market(s): ${unknown.join(', ')}`);
  return markets;
}
