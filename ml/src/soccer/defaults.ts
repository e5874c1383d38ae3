/**
 * Default hyperparameters for walk-forward soccer fits, chosen by walk-forward evaluation on EARLIER seasons
 * only (bench/soccer/tune.ts: EPL 2012/13–2017/18 and SP1/D1/I1/F1 2008/09–2014/15), never on the EPL
 * 2018/19–2019/20 benchmark seasons. The search and its results are recorded in bench/soccer/TUNING.md.
 */
import type { TeamRating } from './dixon-coles.ts';

export const SOCCER_DEFAULTS: { xi: number; windowDays: number; shrinkage: number; newcomer: TeamRating } = {
  xi: 0.0019,
  windowDays: 1100,
  shrinkage: 7,
  newcomer: { attack: -0.25, defence: 0.25 },
};
