import { describe, expect, it } from 'vitest';
import { scheduleWeek } from '../../src/nfl/props/features/common.ts';
import { canonicalTeam, contextKey, parseGames, teamContexts } from '../../src/nfl/index.ts';
import { parseWeekly, repairOpponents } from '../../src/nfl/props/index.ts';
import { gamesText, syntheticWeekly, weeklyText } from './helpers.ts';

describe('weekly player file and games file', () => {
  const seasons = [2015, 2016, 2017, 2018, 2019];
  const table = parseWeekly(seasons.map(weeklyText));
  const games = parseGames([gamesText()]);
  const ctx = teamContexts(games);

  it('reads every row (row counts from SOURCES.md) with names filled from player_display_name', () => {
    expect(table.n).toBe(5318 + 5274 + 5319 + 5281 + 5261);
    expect(table.playerName.every((n) => n.length > 0)).toBe(true);
  });

  it('maps relocated franchises to one abbreviation so every player-game joins its game (STL→LA, SD→LAC, OAK→LV)', () => {
    expect(['STL', 'SD', 'OAK', 'LA', 'LV'].map(canonicalTeam)).toEqual(['LA', 'LAC', 'LV', 'LA', 'LV']);
    let missingGame = 0;
    for (let i = 0; i < table.n; i++) if (!ctx.has(contextKey(table.season[i]!, table.week[i]!, table.team[i]!))) missingGame++;
    expect(missingGame).toBe(0);
    // 41 rows name the player's own team as opponent; the games file supplies the real one.
    expect(repairOpponents(table, ctx)).toBe(41);
    let missing = 0;
    for (let i = 0; i < table.n; i++) {
      const c = ctx.get(contextKey(table.season[i]!, table.week[i]!, table.team[i]!));
      if (!c || c.opponent !== table.opponent[i]) missing++;
    }
    expect(missing).toBe(0);
  });

  it('states lines from each team’s side: 2015 week 1 PIT at NE, NE −7.5 / total 51', () => {
    const ne = ctx.get(contextKey(2015, 1, 'NE'))!;
    const pit = ctx.get(contextKey(2015, 1, 'PIT'))!;
    expect(ne).toMatchObject({ opponent: 'PIT', home: 1, spread: 7.5, total: 51, impliedTotal: 29.25 });
    expect(pit).toMatchObject({ opponent: 'NE', home: 0, spread: -7.5, total: 51, impliedTotal: 21.75 });
  });

  it('links each row to the same player’s previous game in chronological order', () => {
    let bad = 0;
    for (let i = 0; i < table.n; i++) {
      const j = table.prev[i]!;
      if (j >= 0 && (table.playerId[j] !== table.playerId[i] || table.time[j]! >= table.time[i]!)) bad++;
    }
    expect(bad).toBe(0);
    const t = parseWeekly([syntheticWeekly([['b', 'WR', 'NE', 2016, 2, 'NYJ', 1, 2, 3], ['a', 'WR', 'NE', 2016, 1, 'MIA', 1, 1, 1], ['b', 'WR', 'NE', 2015, 17, 'MIA', 1, 1, 1]])]);
    expect(Array.from(t.prev)).toEqual([-1, -1, 1]);
    expect(Array.from(t.time)).toEqual([201601, 201517, 201602]);
  });

  it('reads the later nflverse layout (team, passing_interceptions, sacks_suffered, no player_name) into the same table', () => {
    const text = weeklyText(2019);
    const [head, ...rest] = text.split('\n');
    const cols = head!.split(',');
    const drop = cols.indexOf('player_name');
    const renamed = cols
      .map((c) => ({ recent_team: 'team', interceptions: 'passing_interceptions', sacks: 'sacks_suffered' } as Record<string, string>)[c] ?? c)
      .filter((_, k) => k !== drop);
    // The 2019 file has no quoted commas in its rows (a naive split is exact here: checked by the round trip below).
    const body = rest.filter((l) => l !== '').map((l) => l.split(',').filter((_, k) => k !== drop).join(','));
    const later = parseWeekly([[renamed.join(','), ...body].join('\n')]);
    const original = parseWeekly([text]);
    expect(later.n).toBe(original.n);
    expect(later.team).toEqual(original.team);
    expect(Array.from(later.stats.interceptions)).toEqual(Array.from(original.stats.interceptions));
    expect(Array.from(later.stats.sacks)).toEqual(Array.from(original.stats.sacks));
    expect(Array.from(later.stats.receiving_yards)).toEqual(Array.from(original.stats.receiving_yards));
    // Without player_name the display name is used.
    const i = original.playerId.indexOf(later.playerId[0]!);
    expect(later.playerName[0]).not.toBe('');
    expect(later.playerId[0]).toBe(original.playerId[i]);
    expect(() => parseWeekly([text.replace('recent_team', 'franchise')])).toThrow(/missing column recent_team or team/);
  });
});

describe('schedule week', () => {
  it('keeps the final regular-season week at 17 and each playoff round at its number across the 2021 change to 18 weeks', () => {
    expect(scheduleWeek(2019, 1)).toBe(1);
    expect(scheduleWeek(2019, 17)).toBe(17); // final regular-season week, 17-week seasons
    expect(scheduleWeek(2019, 18)).toBe(18); // wild-card round
    expect(scheduleWeek(2021, 18)).toBe(17); // final regular-season week, 18-week seasons
    expect(scheduleWeek(2021, 19)).toBe(18); // wild-card round
    expect(scheduleWeek(2021, 1)).toBe(1);
    expect(scheduleWeek(2021, 2)).toBe(1);
  });
});
