import { describe, expect, it } from 'vitest';
import { gameLines, parseGames } from '../../src/props/index.ts';
import { gamesText } from './helpers.ts';

describe('normal CDF', () => {
  it('matches published values of Φ (scipy.stats.norm.cdf)', () => {
    expect(gameLines.normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(gameLines.normalCdf(1)).toBeCloseTo(0.8413447460685429, 7);
    expect(gameLines.normalCdf(-1.96)).toBeCloseTo(0.024997895148220435, 7);
    expect(gameLines.normalCdf(3)).toBeCloseTo(0.9986501019683699, 7);
  });
});

describe('game lines (train 2010–2016, price 2017)', () => {
  const games = parseGames([gamesText()]).filter((g) => g.season <= 2017);
  const seasons = [2010, 2011, 2012, 2013, 2014, 2015, 2016];
  const model = gameLines.fitGameLines(games, seasons);
  const priced = gameLines.priceGames(model, games, [2017]);

  it('prices every 2017 game (256 regular + 11 post season)', () => {
    expect(priced.length).toBe(267);
  });

  it('has an out-of-sample margin σ near Stern’s 13.86 and a total σ of similar size', () => {
    expect(model.marginSigma).toBeGreaterThan(12.5);
    expect(model.marginSigma).toBeLessThan(15.5);
    expect(model.totalSigma).toBeGreaterThan(11);
    expect(model.totalSigma).toBeLessThan(16);
  });

  it('derives every price from the two laws: P(win) rises with the expected margin, P(cover) = ½ when the centre equals the spread', () => {
    const sorted = [...priced].sort((a, b) => a.expectedMargin - b.expectedMargin);
    for (let k = 1; k < sorted.length; k++) expect(sorted[k]!.pHomeWin).toBeGreaterThanOrEqual(sorted[k - 1]!.pHomeWin);
    for (const p of priced) {
      const z = (p.game.spread - p.expectedMargin) / model.marginSigma;
      expect(p.pHomeCover).toBeCloseTo(1 - gameLines.normalCdf(z), 12);
      expect(p.pOver).toBeGreaterThan(0);
      expect(p.pOver).toBeLessThan(1);
    }
    // The centre tracks the market spread closely (the line carries almost all the information).
    const corr = correlation(priced.map((p) => p.expectedMargin), priced.map((p) => p.game.spread));
    expect(corr).toBeGreaterThan(0.9);
  });

  it('round-trips through its artifact', () => {
    const back = gameLines.loadGameLines(JSON.stringify(gameLines.serializeGameLines(model)));
    expect(gameLines.priceGames(back, games, [2017])).toEqual(priced);
    expect(() => gameLines.loadGameLines({ tag: 'x' })).toThrow(/not a fairline.props.game-lines/);
  });
});

function correlation(a: number[], b: number[]): number {
  const ma = a.reduce((s, x) => s + x, 0) / a.length, mb = b.reduce((s, x) => s + x, 0) / b.length;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}
