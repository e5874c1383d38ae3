/**
 * Default hyperparameters for walk-forward soccer fits, chosen by walk-forward evaluation on EARLIER seasons
 * only (bench/soccer/tune.ts: EPL 2012/13–2017/18 and SP1/D1/I1/F1 2008/09–2014/15, criterion = mean model
 * RPS), never on the EPL 2018/19–2019/20 benchmark seasons. The search and its results: bench/soccer/TUNING.md.
 */
import type { TeamRating } from './dixon-coles.ts';

export interface SoccerHyperparameters {
  xi: number;
  windowDays: number;
  shrinkage: number;
  newcomer: TeamRating;
  shotsOnTargetWeight: number;
}

/** Pure Dixon–Coles on goals (no shots): best pure-DC setting found on the tuning seasons. */
export const PURE_DC_DEFAULTS: SoccerHyperparameters = {
  xi: 0.0019,
  windowDays: 1100,
  shrinkage: 7,
  newcomer: { attack: -0.25, defence: 0.25 },
  shotsOnTargetWeight: 0,
};

/** Default: Dixon–Coles with team ratings blended 70/30 with a shots-on-target rating model. */
export const SOCCER_DEFAULTS: SoccerHyperparameters = {
  xi: 0.0025,
  windowDays: 1100,
  shrinkage: 5,
  newcomer: { attack: -0.25, defence: 0.25 },
  shotsOnTargetWeight: 0.3,
};
