import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/numerics/rng.ts';
import { gameLines, parseGames } from '../../src/nfl/index.ts';
import { gamesText } from './helpers.ts';

const { centreForLine, discreteLaw, fitKeyWeights, KEY_RANGE, lineOdds, marginLaw, totalLaw, normalCdf } = gameLines;

describe('normal CDF', () => {
  it('matches published values of Φ (scipy.stats.norm.cdf)', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 7);
    expect(normalCdf(-1.96)).toBeCloseTo(0.024997895148220435, 7);
    expect(normalCdf(3)).toBeCloseTo(0.9986501019683699, 7);
  });
});

describe('discrete key-number law', () => {
  it('is a distribution over whole points whose tail sums agree with its masses', () => {
    const w = Float64Array.from({ length: KEY_RANGE + 1 }, (_, a) => (a === 3 ? 3 : a === 0 ? 0.1 : 1));
    const law = discreteLaw(2.7, 13.5, w);
    let sum = 0;
    for (let m = -100; m <= 100; m++) sum += law.pmf(m);
    expect(sum).toBeCloseTo(1, 10);
    expect(law.pmf(2.5)).toBe(0);
    expect(law.above(2.5)).toBeCloseTo(law.above(2), 12); // nothing lives between whole points
    expect(law.above(2) - law.above(3)).toBeCloseTo(law.pmf(3), 12);
    // A weight of 3 on |m| = 3 triples both 3 and −3 relative to their neighbours' normal shape.
    const plain = discreteLaw(2.7, 13.5, null);
    expect(law.pmf(3) / law.pmf(4)).toBeCloseTo((3 * plain.pmf(3)) / plain.pmf(4), 10);
    expect(law.pmf(-3) / law.pmf(-4)).toBeCloseTo((3 * plain.pmf(-3)) / plain.pmf(-4), 10);
    expect(() => discreteLaw(0, 0, null)).toThrow(/σ > 0/);
  });

  it('recovers known key weights from outcomes drawn from them', () => {
    const truth = Float64Array.from({ length: KEY_RANGE + 1 }, (_, a) => ({ 0: 0.1, 3: 2.6, 7: 1.9, 10: 1.4, 1: 0.7 } as Record<number, number>)[a] ?? 1);
    const r = createRng(5);
    const rng = () => r.next();
    const games: Array<{ y: number; mu: number; sigma: number }> = [];
    for (let i = 0; i < 8000; i++) {
      const mu = Math.round((rng() * 24 - 12) * 2) / 2;
      const law = discreteLaw(mu, 13.5, truth);
      let u = rng(), y = Math.round(mu) - 85;
      while (u > law.pmf(y)) u -= law.pmf(y++);
      games.push({ y, mu, sigma: 13.5 });
    }
    const w = fitKeyWeights(games);
    // Weights are identified up to the normalisation of each game's law: compare ratios to |m| = 5 (truth 1).
    const rel = (a: number) => w[a]! / w[5]!;
    expect(rel(3)).toBeGreaterThan(2.6 * 0.85);
    expect(rel(3)).toBeLessThan(2.6 * 1.15);
    expect(rel(7)).toBeGreaterThan(1.9 * 0.85);
    expect(rel(7)).toBeLessThan(1.9 * 1.15);
    expect(rel(0)).toBeLessThan(0.3);
  });

  it('keeps weights with little evidence near 1 (the prior), while common values follow their counts', () => {
    // 3,000 games drawn from a plain normal around spreads in ±10, plus one blowout of 59.
    const r = createRng(9);
    const games: Array<{ y: number; mu: number; sigma: number }> = [];
    for (let i = 0; i < 3000; i++) {
      const mu = Math.round((r.next() * 20 - 10) * 2) / 2;
      games.push({ y: Math.round(mu + 13.5 * r.normal()), mu, sigma: 13.5 });
    }
    games.push({ y: 59, mu: 0, sigma: 13.5 });
    const w = fitKeyWeights(games);
    // Plain proportional scaling gives this single game a weight near 10; the prior keeps it near 1.
    expect(w[59]!).toBeGreaterThan(0.8);
    expect(w[59]!).toBeLessThan(1.5);
    // Values never seen, far in the tail, stay near 1 instead of collapsing to 0.
    expect(w[KEY_RANGE]!).toBeGreaterThan(0.9);
    // No key numbers in a plain normal: the well-observed weights stay near 1 too.
    for (const a of [0, 3, 7, 10]) expect(Math.abs(w[a]! - 1)).toBeLessThan(0.25);
  });

  it('solves the centre so the line splits the non-push outcomes evenly', () => {
    const w = Float64Array.from({ length: KEY_RANGE + 1 }, (_, a) => (a === 7 ? 2.5 : a === 3 ? 2.5 : 1));
    for (const L of [3, 3.5, -7, 6.5, 0, 44, 15, 12.5]) {
      const law = discreteLaw(centreForLine(L, 13.5, w), 13.5, w);
      const push = Number.isInteger(L) ? law.pmf(L) : 0;
      expect(law.above(L)).toBeCloseTo((1 - push) / 2, 9);
    }
  });
});

describe('game lines (fitted on 2002–2013, priced on 2014–2017)', () => {
  const games = parseGames([gamesText()]).filter((g) => g.season <= 2017);
  const model = gameLines.fitGameLines(games, Array.from({ length: 12 }, (_, k) => 2002 + k));
  const test = games.filter((g) => g.season >= 2014);
  const priced = gameLines.priceGames(model, games, [2014, 2015, 2016, 2017]);

  it('fits a margin σ near Stern’s 13.86 and the key numbers of football scores', () => {
    expect(model.marginSigma).toBeGreaterThan(12.5);
    expect(model.marginSigma).toBeLessThan(15);
    expect(model.totalSigma).toBeGreaterThan(11);
    expect(model.totalSigma).toBeLessThan(16);
    const w = model.marginWeights;
    for (const key of [3, 7]) expect(w[key]!).toBeGreaterThan(1.5 * w[5]!);
    expect(w[3]!).toBeGreaterThan(w[7]!);
    expect(w[0]!).toBeLessThan(0.3 * w[5]!); // ties are rare: overtime decides almost every level game
  });

  it('treats the market line as the median: P(cover) = P(not cover) at every game’s own spread and total', () => {
    expect(priced.length).toBe(test.length);
    for (const p of priced) {
      expect(p.homeCover!.over).toBeCloseTo(p.homeCover!.under, 8);
      expect(p.gameTotal!.over).toBeCloseTo(p.gameTotal!.under, 8);
      expect(p.homeCover!.over + p.homeCover!.under + p.homeCover!.push).toBeCloseTo(1, 10);
    }
  });

  it('prices the moneyline from the spread: symmetric at pick’em, rising with the spread, tie-free fair odds', () => {
    expect(gameLines.priceGame(model, 0, 44).moneyline!.home).toBeCloseTo(gameLines.priceGame(model, 0, 44).moneyline!.away, 9);
    let prev = 0;
    for (let s = -14; s <= 14; s += 0.5) {
      const ml = gameLines.priceGame(model, s, NaN).moneyline!;
      expect(ml.home).toBeGreaterThan(prev);
      prev = ml.home;
      expect(ml.home * (ml.fairPrice.home - 1) - ml.away).toBeCloseTo(0, 12); // zero EV, tie refunded
    }
    // The half point through a key number is worth more than one beside it.
    const win = (s: number) => gameLines.priceGame(model, s, NaN).moneyline!.home;
    expect(win(3.5) - win(2.5)).toBeGreaterThan(win(5.5) - win(4.5));
  });

  it('predicts the push rate of whole-number spreads (the normal does not)', () => {
    let predicted = 0, normal = 0, observed = 0, n = 0;
    for (const g of test) {
      if (!Number.isInteger(g.spread) || !Number.isFinite(g.homeScore)) continue;
      n++;
      predicted += marginLaw(model, g.spread).pmf(g.spread);
      normal += discreteLaw(g.spread, model.marginSigma, null).pmf(g.spread);
      observed += g.homeScore - g.awayScore === g.spread ? 1 : 0;
    }
    expect(n).toBeGreaterThan(500);
    // Binomial standard error of the observed rate at n ≈ 600 is ≈ 0.009.
    expect(Math.abs(predicted / n - observed / n)).toBeLessThan(0.015);
    expect(Math.abs(normal / n - observed / n)).toBeGreaterThan(Math.abs(predicted / n - observed / n));
  });

  it('prices alternative lines consistently: covering a bigger line is less likely, fair odds have zero EV', () => {
    const law = marginLaw(model, 3);
    let prev = 1;
    for (let L = -20; L <= 20; L += 0.5) {
      const o = lineOdds(law, L);
      expect(o.over).toBeLessThanOrEqual(prev);
      prev = o.over;
      if (!Number.isInteger(L)) expect(o.push).toBe(0);
      expect(o.over * (o.fairPrice.over - 1) - o.under).toBeCloseTo(0, 12);
      expect(o.under * (o.fairPrice.under - 1) - o.over).toBeCloseTo(0, 12);
    }
    expect(lineOdds(law, 3).push).toBeGreaterThan(lineOdds(law, 4).push);
    expect(lineOdds(totalLaw(model, 44), 44).push).toBeGreaterThan(0);
    expect(() => lineOdds(law, 3.25)).toThrow(/whole or half/);
  });

  it('round-trips through its artifact and refuses artifacts it cannot read', () => {
    const back = gameLines.loadGameLines(JSON.stringify(gameLines.serializeGameLines(model)));
    expect(gameLines.priceGames(back, games, [2017])).toEqual(gameLines.priceGames(model, games, [2017]));
    expect(() => gameLines.loadGameLines({ tag: 'x' })).toThrow(/not a fairline.props.game-lines/);
    const art = gameLines.serializeGameLines(model);
    expect(() => gameLines.loadGameLines({ ...art, version: 1 })).toThrow(/version 1 is not supported/);
    expect(() => gameLines.loadGameLines({ ...art, marginWeights: [1, 2] })).toThrow(/marginWeights/);
    expect(() => gameLines.loadGameLines({ ...art, totalSigma: -1 })).toThrow(/totalSigma/);
  });
});
