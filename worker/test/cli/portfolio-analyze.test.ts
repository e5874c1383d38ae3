import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/commands/portfolio-analyze.ts';
import { captureRun } from '../support/cli.ts';

const SEASON = path.resolve(import.meta.dirname, '../../../../shared/data/soccer_football_data/E0/E0_2019-20.csv');

/**
 * A bettor's history on EPL 2019/20, written by hand and deliberately not in date order, each bet with its
 * settlement worked out by hand from the season file's score and its Pinnacle closing quote copied from the file
 * (PSCH/PSCD/PSCA, PC>2.5/PC<2.5, AHCh with PCAHH/PCAHA). `close` is that quote and `side` the bet's place in it;
 * null where the file has no closing price for the bet's line. `line` is the HOME team's handicap.
 */
const BETS = [
  // 2-2: the draw at 5.80 for 5 wins 5 × 4.80 = +24.
  { bet: '2019-08-17,Man City,Tottenham,1x2,draw,,5.8,5', result: 'won', pnl: 24, close: [1.37, 5.63, 8.39], side: 1 },
  // 0-0, home −0.25 = halves at 0 (push) and −0.5 (lost): half of 20 lost = −10.
  { bet: '2019-08-11,Leicester,Wolves,asian_handicap,home,-0.25,2.11,20', result: 'half_lost', pnl: -10, close: [2.11, 1.83], side: 0 },
  // 1-1: away at 4.20 lost.
  { bet: '2019-08-10,Bournemouth,Sheffield United,1x2,away,,4.2,10', result: 'lost', pnl: -10, close: [1.98, 3.67, 4.06], side: 2 },
  // 3-0: under 2.5 lost.
  { bet: '2019-08-10,Burnley,Southampton,total,under,2.5,1.85,10', result: 'lost', pnl: -10, close: [2.19, 1.76], side: 1 },
  // 1-1, two goals, over 2.25 = halves at 2 (push) and 2.5 (lost): −5. No closing price at 2.25.
  { bet: '2019-08-31,Southampton,Man United,total,over,2.25,1.8,10', result: 'half_lost', pnl: -5, close: null, side: 0 },
  // 4-1: home at 1.15 for 2.5 wins 2.5 × 0.15 = +0.375.
  { bet: '2019-08-09,Liverpool,Norwich,1x2,home,,1.15,2.5', result: 'won', pnl: 0.375, close: [1.14, 10.43, 19.63], side: 0 },
  // 4-1, five goals: over 2.5 at 1.36 wins +3.60.
  { bet: '2019-08-09,Liverpool,Norwich,total,over,2.5,1.36,10', result: 'won', pnl: 3.6, close: [1.34, 3.44], side: 0 },
  // 0-0, home +0.25 = halves at 0 (push) and +0.5 (won): 5 × 0.97 = +4.85. AHCh is 0.25.
  { bet: '2019-08-10,Crystal Palace,Everton,asian_handicap,home,0.25,1.97,10', result: 'half_won', pnl: 4.85, close: [1.97, 1.96], side: 0 },
  // 1-0, home −0.75 = halves at −0.5 (won) and −1 (push): 5 × 1.12 = +5.60. AHCh is −0.75.
  { bet: '2019-08-17,Everton,Watford,asian_handicap,home,-0.75,2.12,10', result: 'half_won', pnl: 5.6, close: [2.12, 1.81], side: 0 },
  // 2-1, three goals, over 2.75 = halves at 2.5 (won) and 3 (push): 5 × 1.05 = +5.25. No closing price at 2.75.
  { bet: '2019-08-17,Arsenal,Burnley,total,over,2.75,2.05,10', result: 'half_won', pnl: 5.25, close: null, side: 0 },
  // 1-1, home −0.75 loses both halves on a draw, so the away side (+0.75) wins: 10 × 0.98 = +9.80. AHCh −0.75.
  { bet: '2019-08-18,Chelsea,Leicester,asian_handicap,away,-0.75,1.98,10', result: 'won', pnl: 9.8, close: [1.96, 1.98], side: 1 },
  // 2-3, home +0.75 = halves at +0.5 (lost) and +1 (push) → the away side half-wins: 5 × 0.95 = +4.75.
  // The closing line moved to +0.5 (AHCh), so there is no closing price for +0.75.
  { bet: '2019-08-24,Norwich,Chelsea,asian_handicap,away,0.75,1.95,10', result: 'half_won', pnl: 4.75, close: null, side: 1 },
  // 3-1, home −1.25 = halves at −1 and −1.5, both won by two goals: +9.70. Closing 1.97/1.97 → fair 2.00.
  { bet: '2019-08-24,Liverpool,Arsenal,asian_handicap,home,-1.25,1.97,10', result: 'won', pnl: 9.7, close: [1.97, 1.97], side: 0 },
  // 2-2, level ball (0): push.
  { bet: '2019-09-01,Arsenal,Tottenham,asian_handicap,home,0,1.92,10', result: 'push', pnl: 0, close: [1.92, 2.02], side: 0 },
] as const;

const REJECTED = [
  { bet: '2019-08-11,Man Utd,Chelsea,1x2,home,,2.04,10', reason: 'unknown team "Man Utd" (not in the results files)' },
  { bet: '2019-08-10,Liverpool,Norwich,1x2,home,,1.15,10', reason: 'no match Liverpool v Norwich on 2019-08-10 in the results files (they met on 2019-08-09)' },
  { bet: '17/08/2019,Everton,Watford,1x2,home,,1.85,10', reason: 'invalid date "17/08/2019" (expected YYYY-MM-DD)' },
];

/** The margin-free closing price by the multiplicative method, from its identity: fair_i = price_i × Σ 1/price. */
const fairOf = (close: readonly number[] | null, side: number) => (close ? close[side]! * close.reduce((s, p) => s + 1 / p, 0) : null);

function writeBets(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fairline-portfolio-'));
  const file = path.join(dir, 'bets.csv');
  writeFileSync(file, ['date,home,away,market,selection,line,price,stake', ...BETS.map((b) => b.bet), ...REJECTED.map((r) => r.bet)].join('\n') + '\n');
  return file;
}

const capture = (argv: string[]) => captureRun(run, argv);

afterEach(() => vi.restoreAllMocks());

describe('fairline portfolio analyze', () => {
  const bets = writeBets();

  it('settles a hand-written history on a season file as computed by hand, quarter lines included', async () => {
    const { code, out } = await capture(['--bets', bets, '--results', SEASON, '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(Object.keys(r)).toEqual(['bets', 'summary', 'rejects']);
    expect(r.bets).toHaveLength(BETS.length);
    BETS.forEach((b, i) => {
      const got = r.bets[i];
      expect(Object.keys(got)).toEqual(['row', 'result', 'pnl', 'fairClosingPrice', 'clv']);
      expect(got.row).toBe(i + 2);
      expect(got.result).toBe(b.result);
      expect(got.pnl).toBe(b.pnl);
      const fair = fairOf(b.close, b.side);
      if (fair === null) {
        expect(got.fairClosingPrice).toBeNull();
        expect(got.clv).toBeNull();
      } else {
        expect(got.fairClosingPrice).toBeCloseTo(fair, 12);
        expect(got.clv).toBeCloseTo(Number(b.bet.split(',')[6]) / fair - 1, 12);
      }
    });
    // A few closing figures to the printed decimals: Palace +0.25 home 1.97·(1/1.97 + 1/1.96) = 2.005102;
    // Liverpool −1.25 at 1.97/1.97 → 2.00 exactly, CLV 1.97/2 − 1 = −1.5%; the under 2.5 at 1.85 against
    // 1.76·(1/2.19 + 1/1.76) = 1.803653 → CLV +2.5696%.
    expect(r.bets[7].fairClosingPrice).toBeCloseTo(2.005102, 6);
    expect(r.bets[12].fairClosingPrice).toBeCloseTo(2, 12);
    expect(r.bets[12].clv).toBeCloseTo(-0.015, 12);
    expect(r.bets[3].clv).toBeCloseTo(0.025696, 6);

    // Summary by hand. Staked 5 + 20 + 10·11 + 2.5 = 137.5; P&L +32.925; ROI 32.925/137.5.
    // In date order (ties in file order) cumulative P&L runs 0.375, 3.975 (peak) | −6.025, −16.025, −11.175 |
    // −21.175 (trough) | 2.825, 8.425, 13.675 | 23.475 | 28.225, 37.925 | 32.925 | 32.925: the largest fall is
    // 3.975 → −21.175 = 25.15 (in file order it would be 24 → −11 = 35).
    expect(r.summary).toEqual({
      bets: 14,
      staked: 137.5,
      pnl: 32.925,
      roi: expect.closeTo(32.925 / 137.5, 12),
      maxDrawdown: 25.15,
      clv: expect.closeTo(-0.0094026, 6),
    });
    const withClose = BETS.filter((b) => b.close !== null);
    const meanClv = withClose.reduce((s, b) => s + Number(b.bet.split(',')[6]) / fairOf(b.close, b.side)! - 1, 0) / withClose.length;
    expect(withClose).toHaveLength(11);
    expect(r.summary.clv).toBeCloseTo(meanClv, 12);

    expect(r.rejects).toEqual(REJECTED.map((x, i) => ({ row: BETS.length + 2 + i, reason: x.reason })));
  });

  it('prints a human report: each bet, each reject, the summary', async () => {
    const { code, out } = await capture(['--bets', bets, '--results', SEASON]);
    expect(code).toBe(0);
    expect(out).toContain('row 3: 2019-08-11 Leicester 0-0 Wolves · asian_handicap home -0.25 @ 2.11 × 20 → half_lost -10 (fair close 2.153, CLV -2.00%)');
    expect(out).toContain('row 6: 2019-08-31 Southampton 1-1 Man United · totals over 2.25 @ 1.8 × 10 → half_lost -5 (no closing price)');
    expect(out).toContain('row 16: rejected: unknown team "Man Utd" (not in the results files)');
    expect(out).toContain('14 bets settled, 3 rejected: staked 137.5, P&L +32.925, ROI 23.95%, max drawdown 25.15');
    expect(out).toContain('closing-line value: mean -0.94% over 11 bets with a Pinnacle closing price');
  });

  it('reads several results files (a match in two files counts once)', async () => {
    const { out } = await capture(['--bets', bets, '--results', SEASON, SEASON, '--json']);
    expect(JSON.parse(out).summary.bets).toBe(14);
  });

  it('exits 2 with usage without --bets or --results, 1 when a file cannot be read or lacks a column', async () => {
    const none = await capture(['--bets', bets]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/usage: fairline portfolio analyze --bets <csv> --results <csv\.\.\.>/);
    const missing = await capture(['--bets', path.join(path.dirname(bets), 'nope.csv'), '--results', SEASON]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^fairline portfolio analyze: ENOENT/);
    const noLine = path.join(path.dirname(bets), 'no-line.csv');
    writeFileSync(noLine, 'date,home,away,market,selection,price,stake\n2019-08-09,Liverpool,Norwich,1x2,home,1.15,10\n');
    const bad = await capture(['--bets', noLine, '--results', SEASON]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('fairline portfolio analyze: bets CSV: missing column(s): line');
  });
});
