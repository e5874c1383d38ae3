import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/numerics/index.ts';
import {
  fitDixonColes,
  loadDixonColes,
  predictRates,
  serializeDixonColes,
  type SoccerMatch,
} from '../../src/soccer/index.ts';
import { eplSeasons } from './helpers.ts';

const golden = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../golden/soccer/dixon-coles.json'), 'utf8'));

describe('Dixon-Coles against an independent scipy implementation (golden values)', () => {
  it.each([
    ['epl-2015-18-decayed', ['2015-16', '2016-17', '2017-18'], 0.0019, 1100],
    ['epl-2017-18-unweighted', ['2017-18'], 0, 100000],
  ] as const)('%s: same NLL, home advantage, ρ and ratings', (key, seasons, xi, windowDays) => {
    const g = golden.cases[key];
    const model = fitDixonColes(eplSeasons(...seasons), { xi, windowDays, tolerance: 1e-10 });
    expect(model.matches).toBe(g.matches);
    expect(model.teams).toEqual(g.teams);
    expect(model.asOfDay).toBe(g.asOfDay);
    // Both optimisers stop at a gradient tolerance; our optimum must be at least as good (lower NLL) and close.
    expect(Math.abs(model.negLogLikelihood - g.negLogLikelihood)).toBeLessThan(1e-6);
    expect(model.homeAdvantage).toBeCloseTo(g.homeAdvantage, 4);
    expect(model.rho).toBeCloseTo(g.rho, 4);
    expect(model.intercept).toBeCloseTo(g.intercept, 4);
    model.attack.forEach((a, i) => expect(a).toBeCloseTo(g.attack[i], 4));
    model.defence.forEach((d, i) => expect(d).toBeCloseTo(g.defence[i], 4));
  });
});

/** Simulate a double round robin from known parameters, with the τ correction by rejection. */
function simulate(seed: number, nTeams: number, seasons: number) {
  const rng = createRng(seed);
  const attack = Array.from({ length: nTeams }, () => 0.35 * rng.normal());
  const defence = Array.from({ length: nTeams }, () => 0.3 * rng.normal());
  const ma = attack.reduce((s, v) => s + v, 0) / nTeams;
  const md = defence.reduce((s, v) => s + v, 0) / nTeams;
  const truth = { attack: attack.map((v) => v - ma), defence: defence.map((v) => v - md), intercept: 0.1, home: 0.3, rho: -0.12 };
  const teams = Array.from({ length: nTeams }, (_, i) => `T${String(i).padStart(2, '0')}`);
  const matches: SoccerMatch[] = [];
  let day = 10_000;
  for (let s = 0; s < seasons; s++)
    for (let h = 0; h < nTeams; h++)
      for (let a = 0; a < nTeams; a++) {
        if (h === a) continue;
        const lam = Math.exp(truth.intercept + truth.home + truth.attack[h]! + truth.defence[a]!);
        const mu = Math.exp(truth.intercept + truth.attack[a]! + truth.defence[h]!);
        // Rejection sampling from τ·Pois·Pois with envelope max τ.
        const tmax = Math.max(1, 1 - lam * mu * truth.rho, 1 + lam * truth.rho, 1 + mu * truth.rho, 1 - truth.rho);
        for (;;) {
          const x = rng.poisson(lam), y = rng.poisson(mu);
          const tau = x === 0 && y === 0 ? 1 - lam * mu * truth.rho : x === 0 && y === 1 ? 1 + lam * truth.rho : x === 1 && y === 0 ? 1 + mu * truth.rho : x === 1 && y === 1 ? 1 - truth.rho : 1;
          if (rng.next() * tmax <= tau) {
            matches.push({ home: teams[h]!, away: teams[a]!, homeGoals: x, awayGoals: y, day: day + (matches.length % 7) });
            break;
          }
        }
      }
  return { truth, teams, matches };
}

describe('Dixon-Coles parameter recovery on simulated data', () => {
  it('recovers known parameters from 20 seasons of a 12-team league', () => {
    const { truth, matches } = simulate(2024, 12, 20);
    const m = fitDixonColes(matches, { xi: 0, windowDays: 1e9 });
    expect(m.converged).toBe(true);
    expect(m.homeAdvantage).toBeCloseTo(truth.home, 1);
    expect(Math.abs(m.rho - truth.rho)).toBeLessThan(0.05);
    expect(Math.abs(m.intercept - truth.intercept)).toBeLessThan(0.05);
    let se = 0;
    m.attack.forEach((v, i) => (se += (v - truth.attack[i]!) ** 2 + (m.defence[i]! - truth.defence[i]!) ** 2));
    // 2640 matches: rating standard errors ≈ 0.05, so RMSE well under 0.08.
    expect(Math.sqrt(se / 24)).toBeLessThan(0.08);
  });
});

describe('Dixon-Coles behaviour', () => {
  const history = eplSeasons('2016-17', '2017-18');

  it('warm start reaches the same optimum as a cold start', () => {
    const cold = fitDixonColes(history, { xi: 0.0019 });
    const prev = fitDixonColes(history.slice(0, 600), { xi: 0.0019 });
    const warm = fitDixonColes(history, { xi: 0.0019, warmStart: prev });
    expect(warm.negLogLikelihood).toBeCloseTo(cold.negLogLikelihood, 4);
    expect(warm.rho).toBeCloseTo(cold.rho, 3);
  });

  it('neutral venue removes exactly the home advantage', () => {
    const m = fitDixonColes(history);
    const home = predictRates(m, 'Arsenal', 'Chelsea');
    const neutral = predictRates(m, 'Arsenal', 'Chelsea', { neutral: true });
    expect(home.home / neutral.home).toBeCloseTo(Math.exp(m.homeAdvantage), 12);
    expect(home.away).toBeCloseTo(neutral.away, 12);
    expect(m.attack.reduce((s, v) => s + v, 0)).toBeCloseTo(0, 12);
  });

  it('shrinkage pulls ratings towards the prior, most for teams with least data', () => {
    const plain = fitDixonColes(history);
    const shrunk = fitDixonColes(history, { shrinkage: 20 });
    const spread = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    expect(spread(shrunk.attack)).toBeLessThan(spread(plain.attack));
    // Huddersfield played only 2017/18 (38 matches): pulled relatively more than Arsenal (76).
    const rel = (t: string) => {
      const i = plain.teams.indexOf(t);
      return Math.abs(shrunk.defence[i]!) / Math.abs(plain.defence[i]!);
    };
    expect(rel('Huddersfield')).toBeLessThan(1);
    // A very strong prior (consistent with the sum-to-zero constraint) pins the ratings to it.
    const priors = { Arsenal: { attack: 0.4, defence: -0.2 }, Chelsea: { attack: -0.4, defence: 0.2 } };
    const pinned = fitDixonColes(history, { shrinkage: 1e6, priors });
    expect(pinned.attack[pinned.teams.indexOf('Arsenal')]).toBeCloseTo(0.4, 3);
    expect(pinned.defence[pinned.teams.indexOf('Chelsea')]).toBeCloseTo(0.2, 3);
    expect(pinned.attack[pinned.teams.indexOf('Burnley')]).toBeCloseTo(0, 3);
  });

  it('uses only matches strictly before asOfDay and inside the window', () => {
    const asOfDay = history[400]!.day;
    const m = fitDixonColes(history, { asOfDay, windowDays: 200 });
    const expected = history.filter((h) => h.day < asOfDay && asOfDay - h.day <= 200).length;
    expect(m.matches).toBe(expected);
  });

  it('round-trips through versioned JSON and rejects a wrong tag or version', () => {
    const m = fitDixonColes(history.slice(0, 200));
    const back = loadDixonColes(serializeDixonColes(m));
    expect(predictRates(back, 'Arsenal', 'Chelsea')).toEqual(predictRates(m, 'Arsenal', 'Chelsea'));
    const doc = JSON.parse(serializeDixonColes(m));
    expect(() => loadDixonColes({ ...doc, tag: 'mljs.random-forest' })).toThrow(/wrong model tag/);
    expect(() => loadDixonColes({ ...doc, version: 2 })).toThrow(/unsupported model version 2/);
    expect(() => loadDixonColes({ ...doc, model: { ...doc.model, rho: 'x' } })).toThrow(/rho must be a finite number/);
  });

  it('validates input with clear errors', () => {
    const ok = history.slice(0, 50);
    expect(() => fitDixonColes([])).toThrow(/empty history/);
    expect(() => fitDixonColes([...ok, { ...ok[0]!, homeGoals: -1 }])).toThrow(/homeGoals must be a non-negative integer, got -1/);
    expect(() => fitDixonColes([...ok, { ...ok[0]!, awayGoals: 1.5 }])).toThrow(/awayGoals must be a non-negative integer/);
    expect(() => fitDixonColes([...ok, { ...ok[0]!, away: ok[0]!.home }])).toThrow(/cannot play itself/);
    expect(() => fitDixonColes(ok, { asOfDay: ok[0]!.day })).toThrow(/empty history/);
    const m = fitDixonColes(ok);
    expect(() => predictRates(m, 'Arsenal', 'Real Madrid')).toThrow(/unknown team "Real Madrid"/);
    expect(predictRates(m, 'Arsenal', 'Real Madrid', { unknownTeam: { attack: -0.2, defence: 0.2 } }).home).toBeGreaterThan(0);
  });
});
