/**
 * The Dixon–Coles (1997) weighted log-likelihood and its analytic gradient.
 *
 *   ln λ = c + γ·venue + α_home + β_away      (home goals)
 *   ln μ = c + α_away + β_home                (away goals)
 *   P(x, y) = τ_ρ(x, y; λ, μ) · Pois(x; λ) · Pois(y; μ)
 *   τ(0,0) = 1 − λμρ, τ(0,1) = 1 + λρ, τ(1,0) = 1 + μρ, τ(1,1) = 1 − ρ, τ = 1 otherwise.
 *
 * Identifiability: Σα = 0 and Σβ = 0 by reparametrisation (the last team's value is minus the sum of the
 * others), which leaves the intercept c to carry the league's goal level. Optional ridge shrinkage
 * κ/2·Σ(α − α₀)² + κ/2·Σ(β − β₀)² pulls teams with little weighted history towards a prior (zero = league
 * average), which is how the model copes with promoted teams early in a season.
 *
 * Free-parameter layout (length 3 + 2(n − 1)): [c, γ, ρ, α_0 … α_{n−2}, β_0 … β_{n−2}].
 * The objective is divided by Σw so the gradient tolerance does not depend on history length or ξ.
 * Outside the feasible region (any τ ≤ 0) the objective is +∞, which the L-BFGS line search treats as a step
 * that is too long: that keeps ρ valid without bounds.
 */
import type { PackedMatches } from './dixon-coles-data.ts';

export interface Penalty {
  strength: number;
  attackPrior: Float64Array;
  defencePrior: Float64Array;
}

/** Expand free parameters into full attack/defence vectors (sum-to-zero). */
export function expandParameters(x: Float64Array, n: number, attack: Float64Array, defence: Float64Array): void {
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < n - 1; i++) {
    attack[i] = x[3 + i]!;
    defence[i] = x[3 + n - 1 + i]!;
    sa += attack[i]!;
    sb += defence[i]!;
  }
  attack[n - 1] = -sa;
  defence[n - 1] = -sb;
}

/** Build the objective (mean weighted NLL + penalty) with gradient, over packed data. */
export function dixonColesObjective(data: PackedMatches, penalty: Penalty | null): (x: Float64Array, grad: Float64Array) => number {
  const n = data.teams.length;
  const m = data.home.length;
  const attack = new Float64Array(n);
  const defence = new Float64Array(n);
  const gA = new Float64Array(n);
  const gB = new Float64Array(n);
  const { home, away, homeGoals, awayGoals, venue, weight } = data;
  const scale = 1 / data.totalWeight;

  // The x·ln λ + y·ln μ part is linear in the parameters: precompute its gradient once.
  const linA = new Float64Array(n);
  const linB = new Float64Array(n);
  let linC = 0;
  let linG = 0;
  for (let i = 0; i < m; i++) {
    const w = weight[i]!;
    const x = homeGoals[i]!;
    const y = awayGoals[i]!;
    linC += w * (x + y);
    linG += w * x * venue[i]!;
    linA[home[i]!]! += w * x;
    linB[away[i]!]! += w * x;
    linA[away[i]!]! += w * y;
    linB[home[i]!]! += w * y;
  }

  return (xv, grad) => {
    const c = xv[0]!;
    const gamma = xv[1]!;
    const rho = xv[2]!;
    expandParameters(xv, n, attack, defence);
    // Linear part of the log-likelihood.
    let ll = linC * c + linG * gamma;
    for (let t = 0; t < n; t++) {
      ll += linA[t]! * attack[t]! + linB[t]! * defence[t]!;
      gA[t] = linA[t]!;
      gB[t] = linB[t]!;
    }
    let gc = linC;
    let gg = linG;
    let gr = 0;
    // Non-linear terms, one λ, μ per fixture (see PackedMatches.pairs).
    const P = data.pairs;
    const np = P.home.length;
    for (let j = 0; j < np; j++) {
      const h = P.home[j]!;
      const a = P.away[j]!;
      const v = P.venue[j]!;
      const W = P.weight[j]!;
      const lam = Math.exp(c + gamma * v + attack[h]! + defence[a]!);
      const mu = Math.exp(c + attack[a]! + defence[h]!);
      ll -= W * (lam + mu);
      let d1 = -W * lam;
      let d2 = -W * mu;
      const w00 = P.w00[j]!, w01 = P.w01[j]!, w10 = P.w10[j]!, w11 = P.w11[j]!;
      if (w00 > 0) {
        const tau = 1 - lam * mu * rho;
        if (!(tau > 0)) return Infinity;
        ll += w00 * Math.log(tau);
        const q = (-w00 * lam * mu * rho) / tau;
        d1 += q;
        d2 += q;
        gr -= (w00 * lam * mu) / tau;
      }
      if (w01 > 0) {
        const tau = 1 + lam * rho;
        if (!(tau > 0)) return Infinity;
        ll += w01 * Math.log(tau);
        d1 += (w01 * lam * rho) / tau;
        gr += (w01 * lam) / tau;
      }
      if (w10 > 0) {
        const tau = 1 + mu * rho;
        if (!(tau > 0)) return Infinity;
        ll += w10 * Math.log(tau);
        d2 += (w10 * mu * rho) / tau;
        gr += (w10 * mu) / tau;
      }
      if (w11 > 0) {
        const tau = 1 - rho;
        if (!(tau > 0)) return Infinity;
        ll += w11 * Math.log(tau);
        gr -= w11 / tau;
      }
      gc += d1 + d2;
      gg += d1 * v;
      gA[h]! += d1;
      gB[a]! += d1;
      gA[a]! += d2;
      gB[h]! += d2;
    }
    let f = -ll;
    if (penalty && penalty.strength > 0) {
      const k = penalty.strength;
      for (let t = 0; t < n; t++) {
        const da = attack[t]! - penalty.attackPrior[t]!;
        const db = defence[t]! - penalty.defencePrior[t]!;
        f += 0.5 * k * (da * da + db * db);
        // Stored as log-likelihood gradients (negated below).
        gA[t]! -= k * da;
        gB[t]! -= k * db;
      }
    }
    grad[0] = -gc * scale;
    grad[1] = -gg * scale;
    grad[2] = -gr * scale;
    // Chain rule through the sum-to-zero reparametrisation: ∂/∂x_i = g_i − g_{n−1}.
    const lastA = gA[n - 1]!;
    const lastB = gB[n - 1]!;
    for (let i = 0; i < n - 1; i++) {
      grad[3 + i] = -(gA[i]! - lastA) * scale;
      grad[3 + n - 1 + i] = -(gB[i]! - lastB) * scale;
    }
    return f * scale;
  };
}
