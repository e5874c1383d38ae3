import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFootballDataCsv, parseFootballDataDate } from '../../src/data/football-data.ts';

const DATA = path.resolve(import.meta.dirname, '../../../../shared/data/soccer_football_data');

describe('parseFootballDataDate', () => {
  it('parses dd/mm/yy and dd/mm/yyyy', () => {
    expect(parseFootballDataDate('09/08/2019')).toEqual({ iso: '2019-08-09', day: 18117 });
    expect(parseFootballDataDate('13/08/16')).toMatchObject({ iso: '2016-08-13' });
    expect(parseFootballDataDate('1/2/99')).toMatchObject({ iso: '1999-02-01' });
  });
  it('explains invalid dates', () => {
    expect(parseFootballDataDate('31/02/2019')).toMatch(/invalid date/);
    expect(parseFootballDataDate('2019-08-09')).toMatch(/expected dd\/mm\/yy/);
    expect(parseFootballDataDate('')).toBe('missing date');
  });
});

describe('parseFootballDataCsv on synthetic text', () => {
  const header = 'Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR,PSH,PSD,PSA,PSCH,PSCD,PSCA,BbAv>2.5,BbAv<2.5,BbAHh,BbAvAHH,BbAvAHA,,,';
  it('handles BOM, CR CR LF, trailing empty columns and reports bad rows with their line number', () => {
    const text =
      '\ufeff' +
      [
        header,
        'E0,10/08/18,Man United,Leicester,2,1,H,1.6,4.2,6.0,1.55,4.4,6.5,1.9,2.0,-0.75,1.95,1.95,,,',
        'E0,11/08/2018,Bournemouth,Cardiff,x,0,H,1.9,3.6,4.5,,,,,,,,,,,',
        'E0,99/08/2018,Fulham,Palace,0,2,A,2.5,3.4,3.0,2.6,3.3,2.9,,,,,,,,',
        'E0,12/08/2018,Huddersfield,Chelsea,0,3,A,0.5,4,1.3,,,,,,,,,,,',
        'E0,18/08/2018,Chelsea,Arsenal,,,,1.9,3.6,4.2,,,,,,,,,,,',
        ',,,,,,,,,,,,,,,,,,,,',
      ].join('\r\r\n');
    const res = parseFootballDataCsv(text);
    expect(res.matches).toHaveLength(2);
    const m = res.matches[0]!;
    expect(m).toMatchObject({ row: 2, date: '2018-08-10', homeTeam: 'Man United', awayTeam: 'Leicester', homeGoals: 2, awayGoals: 1 });
    expect(m.pinnacle).toEqual({ home: 1.6, draw: 4.2, away: 6.0 });
    expect(m.pinnacleClosing).toEqual({ home: 1.55, draw: 4.4, away: 6.5 });
    expect(m.overUnder25['BbAv']).toEqual({ over: 1.9, under: 2.0 });
    expect(m.asianHandicap['BbAv']).toEqual({ line: -0.75, home: 1.95, away: 1.95 });
    expect(res.rejects).toEqual([
      { row: 3, reason: 'invalid full-time score "x-0"' },
      { row: 4, reason: 'invalid date "99/08/2018"' },
    ]);
    // A price ≤ 1 is dropped with a warning, the match is kept without that bookmaker.
    expect(res.matches[1]!.pinnacle).toBeNull();
    expect(res.warnings).toEqual([{ row: 5, reason: 'dropped invalid price PSH="0.5"' }]);
    // A row without a score yet is an upcoming fixture, not a reject.
    expect(res.fixtures).toHaveLength(1);
    expect(res.fixtures[0]).toMatchObject({ row: 6, date: '2018-08-18', homeTeam: 'Chelsea', pinnacle: { home: 1.9, draw: 3.6, away: 4.2 } });
    expect(res.fixtures[0]).not.toHaveProperty('homeGoals');
  });
  it('pairs closing AH prices with the closing line, and a bookmaker code ending in C with the opening line', () => {
    const text = [
      'Date,HomeTeam,AwayTeam,FTHG,FTAG,AHh,PAHH,PAHA,AHCh,PCAHH,PCAHA,VCAHH,VCAHA',
      '10/08/2019,A,B,1,0,-0.5,1.9,2.0,-0.75,2.1,1.8,1.95,1.95',
    ].join('\n');
    const ah = parseFootballDataCsv(text).matches[0]!.asianHandicap;
    expect(ah['P']).toEqual({ line: -0.5, home: 1.9, away: 2.0 });
    expect(ah['PC']).toEqual({ line: -0.75, home: 2.1, away: 1.8 });
    expect(ah['VC']).toEqual({ line: -0.5, home: 1.95, away: 1.95 });
  });
  it('throws a clear error when a required column is missing', () => {
    expect(() => parseFootballDataCsv('Div,Date,HomeTeam\nE0,01/01/20,A')).toThrow(/missing required column\(s\): AwayTeam, FTHG, FTAG/);
  });
});

describe('parseFootballDataCsv on every shared football-data file', () => {
  const files = readdirSync(DATA).flatMap((div) => readdirSync(path.join(DATA, div)).map((f) => path.join(DATA, div, f)));
  it('finds the files', () => expect(files.length).toBeGreaterThanOrEqual(60));
  it.each(files.map((f) => [path.basename(f), f]))('%s parses without rejects', (_name, file) => {
    const res = parseFootballDataCsv(readFileSync(file, 'utf8'));
    expect(res.rejects).toEqual([]);
    expect(res.fixtures).toEqual([]);
    expect(res.matches.length).toBeGreaterThanOrEqual(279);
    for (const m of res.matches) {
      expect(m.day).toBeGreaterThan(12_000);
      expect(Object.keys(m.odds1x2).length).toBeGreaterThan(0);
    }
  });
  it('reads Pinnacle closing, new-generation O/U and AH columns in E0 2019/20', () => {
    const res = parseFootballDataCsv(readFileSync(path.join(DATA, 'E0/E0_2019-20.csv'), 'utf8'));
    const first = res.matches[0]!;
    // First line of the file: Liverpool 4-1 Norwich, 09/08/2019, PSCH 1.14 / PSCD 10.43 / PSCA 19.63
    expect(first).toMatchObject({ date: '2019-08-09', time: '20:00', homeTeam: 'Liverpool', awayTeam: 'Norwich', homeGoals: 4, awayGoals: 1 });
    expect(first.pinnacleClosing).toEqual({ home: 1.14, draw: 10.43, away: 19.63 });
    expect(first.pinnacle).toEqual({ home: 1.15, draw: 9.59, away: 18.05 });
    expect(first.overUnder25['P']).toEqual({ over: 1.4, under: 3.11 }); // P>2.5, P<2.5
    expect(first.asianHandicap['P']).toEqual({ line: -2.25, home: 1.97, away: 1.95 });
    expect(first.asianHandicap['PC']!.line).toBe(-2.25);
    expect(first).toMatchObject({ homeShots: 15, awayShots: 12, homeShotsOnTarget: 7, awayShotsOnTarget: 5 });
    expect(Object.keys(first.odds1x2)).toEqual(expect.arrayContaining(['B365', 'PS', 'PSC', 'Max', 'Avg', 'MaxC', 'AvgC', 'B365C']));
    expect(res.matches.filter((m) => m.pinnacleClosing).length).toBe(380);
  });
});
