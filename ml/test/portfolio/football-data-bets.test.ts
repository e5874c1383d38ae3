import { describe, expect, it } from 'vitest';
import { analyzeFootballDataBets } from '../../src/portfolio/index.ts';

// A two-match results file in the 2019/20+ layout (closing 1X2, totals at 2.5, Asian closing line), plus one
// upcoming fixture and one bad row.
const RESULTS = [
  'Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,PSCH,PSCD,PSCA,PC>2.5,PC<2.5,AHh,PAHH,PAHA,AHCh,PCAHH,PCAHA',
  'E0,10/08/2019,Alpha,Beta,1,1,2.00,3.50,4.00,1.90,2.00,-0.25,1.95,1.95,-0.25,1.97,1.93',
  'E0,11/08/2019,Gamma,Delta,3,0,,,,,,,,,,,',
  'E0,12/08/2019,Beta,Gamma,,,2.1,3.4,3.6,,,,,,,,',
  'E0,32/08/2019,Delta,Alpha,1,0,,,,,,,,,,,',
].join('\n');
const files = [{ name: 'E0.csv', text: RESULTS }];
const HEADER = 'date,home,away,market,selection,line,price,stake';

describe('analyzeFootballDataBets', () => {
  it('settles and grades rows; fair closing prices by the multiplicative method', () => {
    const r = analyzeFootballDataBets([
      HEADER,
      '2019-08-10,Alpha,Beta,1x2,draw,,3.8,10',
      '2019-08-10,Alpha,Beta,asian_handicap,away,\u22120.25,1.95,4', // Unicode minus; away +0.25 on a draw: half won
      '2019-08-10,Alpha,Beta,total,under,2.5,2.1,1.5',
      '2019-08-10,Alpha,Beta,total,under,2.25,1.8,2', // 2 goals under 2.25: half won; no closing price at 2.25
      '2019-08-11,Gamma,Delta,btts,no,,1.7,1',
    ].join('\n'), files);
    expect(r.rejects).toEqual([]);
    expect(r.bets.map((b) => [b.row, b.result, b.pnl])).toEqual([
      [2, 'won', 28], [3, 'half_won', 1.9], [4, 'won', 1.65], [5, 'half_won', 0.8], [6, 'won', 0.7],
    ]);
    // Σπ(2, 3.5, 4) = 1.0357142857: fair draw 3.625; Σπ(1.97, 1.93) = 1.0257549: fair away 1.97971; Σπ(1.9, 2) = 1.0263158: fair under 2.0526316.
    expect(r.bets[0]!.fairClosingPrice).toBeCloseTo(3.625, 9);
    expect(r.bets[0]!.clv).toBeCloseTo(3.8 / 3.625 - 1, 9);
    expect(r.bets[1]!.fairClosingPrice).toBeCloseTo(1.93 * (1 / 1.97 + 1 / 1.93), 9);
    expect(r.bets[2]!.fairClosingPrice).toBeCloseTo(2 * (1 / 1.9 + 1 / 2), 9);
    expect(r.bets[3]!.fairClosingPrice).toBeNull();
    expect(r.bets[4]!.fairClosingPrice).toBeNull();
    expect(r.summary).toEqual({
      bets: 5, staked: 18.5, pnl: 33.05, roi: 661 / 370 /* 33.05 ÷ 18.5 */, maxDrawdown: 0, clvBets: 3,
      clv: expect.closeTo((r.bets[0]!.clv! + r.bets[1]!.clv! + r.bets[2]!.clv!) / 3, 12),
    });
    expect(r.resultRejects).toEqual([{ file: 'E0.csv', row: 5, reason: 'invalid date "32/08/2019"' }]);
  });

  it('rejects every row it cannot settle with its line number and reason', () => {
    const r = analyzeFootballDataBets([
      HEADER,
      '2019-08-10,Alpha,Omega,1x2,home,,2,1',
      '2019-08-11,Alpha,Beta,1x2,home,,2,1',
      '2019-08-12,Beta,Gamma,1x2,home,,2,1',
      '10/08/2019,Alpha,Beta,1x2,home,,2,1',
      '2019-02-30,Alpha,Beta,1x2,home,,2,1',
      '2019-08-10,Alpha,Beta,moneyline,home,,2,1',
      '2019-08-10,Alpha,Beta,total,over,,2,1',
      '2019-08-10,Alpha,Beta,asian_handicap,home,-0.3,2,1',
      '2019-08-10,Alpha,Beta,1x2,over,,2,1',
      '2019-08-10,Alpha,Beta,1x2,home,,1,1',
      '2019-08-10,Alpha,Beta,1x2,home,,2,0',
      '2019-08-10,Alpha,Beta,1x2,home,,2,0.00001',
      '2019-08-10,Alpha,Beta,1x2,home,,2,-1',
      '',
      '2019-08-10,Alpha,Beta,1x2,home,,2,1',
    ].join('\n'), files);
    expect(r.rejects).toEqual([
      { row: 2, reason: 'unknown team "Omega" (not in the results files)' },
      { row: 3, reason: 'no match Alpha v Beta on 2019-08-11 in the results files (they met on 2019-08-10)' },
      { row: 4, reason: 'Beta v Gamma on 2019-08-12 has no result yet' },
      { row: 5, reason: 'invalid date "10/08/2019" (expected YYYY-MM-DD)' },
      { row: 6, reason: 'invalid date "2019-02-30" (expected YYYY-MM-DD)' },
      { row: 7, reason: 'unknown market "moneyline" (1x2, total, asian_handicap, btts, draw_no_bet, correct_score)' },
      { row: 8, reason: 'totals needs a line' },
      { row: 9, reason: 'asian_handicap line must be a multiple of 0.25, got -0.3' },
      { row: 10, reason: 'unknown selection "over" for 1x2 (one of home, draw, away)' },
      { row: 11, reason: 'invalid price "1" (decimal odds must be > 1)' },
      { row: 12, reason: 'invalid stake "0" (must be > 0)' },
      { row: 13, reason: 'invalid stake "0.00001": "0.00001" has more than 4 decimal place(s)' },
      { row: 14, reason: 'invalid stake "-1" (must be > 0)' },
    ]);
    expect(r.bets.map((b) => b.row)).toEqual([16]);
  });

  it('names missing columns', () => {
    expect(() => analyzeFootballDataBets('date,home,away,market,selection,price,stake\n', files)).toThrow('bets CSV: missing column(s): line');
  });
});
