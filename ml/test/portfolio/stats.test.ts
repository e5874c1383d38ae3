import { describe, expect, it } from 'vitest';
import { histogram, maxDrawdown, portfolioStats, type SettledBetRecord } from '../../src/portfolio/index.ts';

describe('maxDrawdown', () => {
  it('the largest peak-to-trough fall of cumulative P&L, worked by hand', () => {
    // cumulative: 100, 50, −30, 170, −130, −120 → falls 100→−30 (130) and 170→−130 (300).
    const d = maxDrawdown([100, -50, -80, 200, -300, 10], 1000);
    expect(d).toEqual({ amount: 300, fractionOfPeak: 300 / 1170, peakIndex: 3, troughIndex: 4 });
  });

  it('counts a losing start from the starting bankroll', () => {
    expect(maxDrawdown([-100, -50, 30], 1000)).toEqual({ amount: 150, fractionOfPeak: 0.15, peakIndex: -1, troughIndex: 1 });
  });

  it('is zero when cumulative P&L never falls, and has no fraction without a bankroll', () => {
    expect(maxDrawdown([10, 0, 5])).toEqual({ amount: 0, fractionOfPeak: null, peakIndex: -1, troughIndex: -1 });
    expect(maxDrawdown([])).toEqual({ amount: 0, fractionOfPeak: null, peakIndex: -1, troughIndex: -1 });
    expect(maxDrawdown([50, -20]).fractionOfPeak).toBeNull();
  });
});

describe('histogram', () => {
  it('counts into [from, to) bins with open ends; 0.04 is an edge, not 0.039999…', () => {
    const bins = histogram([-0.5, -0.2, -0.01, 0, 0.04, 0.039, 0.2, 0.7, Number.NaN]);
    expect(bins).toHaveLength(22);
    expect(bins[0]).toEqual({ from: null, to: -0.2, count: 1 });
    expect(bins[1]).toEqual({ from: -0.2, to: -0.18, count: 1 });
    expect(bins.find((b) => b.from === -0.02)!.count).toBe(1);
    expect(bins.find((b) => b.from === 0)!.count).toBe(1);
    expect(bins.find((b) => b.from === 0.02)!.count).toBe(1);
    expect(bins.find((b) => b.from === 0.04)!.count).toBe(1);
    expect(bins[21]).toEqual({ from: 0.2, to: null, count: 2 });
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(8);
  });

  it('refuses bins that do not divide the range', () => {
    expect(() => histogram([], { min: 0, max: 1, width: 0.3 })).toThrow(/histogram/);
    expect(() => histogram([], { min: 1, max: 0, width: 0.1 })).toThrow(/histogram/);
  });
});

describe('portfolioStats', () => {
  const bet = (b: Partial<SettledBetRecord> & Pick<SettledBetRecord, 'at' | 'stake' | 'pnl' | 'result'>): SettledBetRecord => ({
    sport: 'soccer', market: '1x2', book: 'pinnacle', clv: null, modelProbability: null, ...b,
  });
  // Given out of order; in date order the P&L runs +900, −1000 (void 0 between), +450, −500 → cumulative
  // 900, 900, −100, 350, −150: the peak 900 is never regained, so the fall runs to −150 (1050).
  const bets: SettledBetRecord[] = [
    bet({ at: '2024-02-03T15:00:00Z', stake: 1000, pnl: 450, result: 'half_won', market: 'asian_handicap', clv: 0.04, modelProbability: 0.6 }),
    bet({ at: '2024-01-10T15:00:00Z', stake: 1000, pnl: 900, result: 'won', clv: 0.02, modelProbability: 0.55 }),
    bet({ at: '2024-01-20T15:00:00Z', stake: 2000, pnl: 0, result: 'void', book: null }),
    bet({ at: '2024-01-20T15:00:00Z', stake: 1000, pnl: -1000, result: 'lost', sport: 'nfl', market: 'spread', book: 'draftkings', clv: -0.03, modelProbability: 0.52 }),
    bet({ at: '2024-02-10T20:00:00Z', stake: 1000, pnl: -500, result: 'half_lost', market: 'totals' }),
  ];
  const s = portfolioStats(bets, { startingBankroll: 100_000 });

  it('P&L, turnover without the void bet, ROI, yield', () => {
    expect(s.bets).toBe(5);
    expect(s.pnl).toBe(-150);
    expect(s.staked).toBe(4000);
    expect(s.roi).toBe(-150 / 4000);
    expect(s.yield).toBe(-150 / 100_000);
    expect(s.startingBankroll).toBe(100_000);
  });

  it('bankroll curve and drawdown in date order (ties in input order)', () => {
    expect(s.curve.map((p) => p.pnl)).toEqual([900, 900, -100, 350, -150]);
    expect(s.curve.map((p) => p.bankroll)).toEqual([100_900, 100_900, 99_900, 100_350, 99_850]);
    expect(s.curve[0]!.at).toBe('2024-01-10T15:00:00Z');
    expect(s.maxDrawdown).toEqual({ amount: 1050, fractionOfPeak: 1050 / 100_900, peakIndex: 0, troughIndex: 4 });
  });

  it('CLV mean and histogram over the bets that have one; actual vs expected wins over those with a model probability', () => {
    expect(s.clvBets).toBe(3);
    expect(s.meanClv).toBeCloseTo((0.04 + 0.02 - 0.03) / 3, 15);
    expect(s.clvHistogram.reduce((n, b) => n + b.count, 0)).toBe(3);
    expect(s.modelBets).toBe(3);
    expect(s.actualWins).toBe(1.5); // won + ½ half_won
    expect(s.expectedWins).toBeCloseTo(0.6 + 0.55 + 0.52, 15);
  });

  it('breakdowns by sport, market, book and month', () => {
    expect(s.bySport.map((g) => [g.key, g.bets, g.staked, g.pnl])).toEqual([['nfl', 1, 1000, -1000], ['soccer', 4, 3000, 850]]);
    expect(s.byMarket.map((g) => g.key)).toEqual(['1x2', 'asian_handicap', 'spread', 'totals']);
    expect(s.byBook.map((g) => [g.key, g.pnl])).toEqual([['draftkings', -1000], ['pinnacle', 850], ['unknown', 0]]);
    const jan = s.byMonth.find((g) => g.key === '2024-01')!;
    expect([jan.bets, jan.staked, jan.pnl, jan.roi]).toEqual([3, 2000, -100, -0.05]);
    expect(s.byMonth.map((g) => g.key)).toEqual(['2024-01', '2024-02']);
  });

  it('an empty portfolio has no ratios', () => {
    const e = portfolioStats([]);
    expect([e.bets, e.staked, e.pnl, e.roi, e.yield, e.meanClv]).toEqual([0, 0, 0, null, null, null]);
  });

  it('refuses a bet without an ISO date', () => {
    expect(() => portfolioStats([bet({ at: '10/01/2024', stake: 1, pnl: 1, result: 'won' })])).toThrow(/ISO date/);
  });
});
