import { describe, expect, it } from 'vitest';
import { addDays, dayOf, fixtureSearch, isDay, listInput, PAGE_SIZE, parseFixtureParams, startOfDay } from '../src/lib/fixture-filters.ts';

describe('the fixtures list URL', () => {
  it('reads every filter from the query string and writes the same string back', () => {
    const params = { sport: 'nfl', competition: 'SIM-NFL', status: 'final', date: '2026-12-05', team: 'Bison', order: 'desc', page: '3' };
    const view = parseFixtureParams(params);
    expect(view).toEqual({ ...params, page: 3 });
    expect(fixtureSearch(view)).toBe('?sport=nfl&competition=SIM-NFL&status=final&date=2026-12-05&team=Bison&order=desc&page=3');
    expect(fixtureSearch(parseFixtureParams({}))).toBe('');
  });

  it('drops what a hand-edited link got wrong instead of failing', () => {
    expect(parseFixtureParams({ sport: 'cricket', status: 'done', date: '2026-02-30', page: '-2', order: 'newest', team: '   ' })).toEqual({ order: 'asc', page: 1 });
    expect(parseFixtureParams({ page: '1.5' }).page).toBe(1);
    expect(parseFixtureParams({ team: 'x'.repeat(100) }).team).toHaveLength(64);
  });
});

describe('calendar days', () => {
  it('knows real days and steps across month and year ends', () => {
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('5 Dec')).toBe(false);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(dayOf(startOfDay('2026-12-05'))).toBe('2026-12-05');
  });
});

describe('the fixtures.list input', () => {
  const now = new Date(2026, 11, 5, 14, 30);

  it('starts at today’s local midnight with no date chosen: upcoming first', () => {
    const input = listInput(parseFixtureParams({}), now);
    expect(input.from).toEqual(new Date(2026, 11, 5));
    expect(input.to).toBeUndefined();
    expect(input).toMatchObject({ limit: PAGE_SIZE + 1, offset: 0, order: 'asc' });
  });

  it('covers exactly the chosen day, and pages by PAGE_SIZE', () => {
    const input = listInput(parseFixtureParams({ date: '2026-11-28', page: '2' }), now);
    expect(input.from).toEqual(new Date(2026, 10, 28));
    expect(input.to).toEqual(new Date(2026, 10, 29));
    expect(input.offset).toBe(PAGE_SIZE);
  });

  it('looks back for finished games (they are all before today) unless a day is chosen', () => {
    expect(listInput(parseFixtureParams({ status: 'final' }), now).from).toBeUndefined();
    expect(listInput(parseFixtureParams({ status: 'scheduled' }), now).from).toEqual(new Date(2026, 11, 5));
  });
});
