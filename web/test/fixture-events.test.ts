import { describe, expect, it } from 'vitest';
import { applyFixtureEvent } from '../src/lib/fixtures.ts';

const fixture = { id: 7, status: 'scheduled', homeScore: null, awayScore: null, homeTeam: 'A', awayTeam: 'B' };

describe('a live fixture event', () => {
  it('applies its status and score to the fixture it names', () => {
    const next = applyFixtureEvent(fixture, { kind: 'fixture', fixtureId: 7, status: 'live', homeScore: 1, awayScore: 0 });
    expect(next).toEqual({ ...fixture, status: 'live', homeScore: 1, awayScore: 0 });
  });
  it('leaves other fixtures and other kinds of event alone (the same object)', () => {
    expect(applyFixtureEvent(fixture, { kind: 'fixture', fixtureId: 8, status: 'final', homeScore: 2, awayScore: 2 })).toBe(fixture);
    expect(applyFixtureEvent(fixture, { kind: 'heartbeat', at: 'x' })).toBe(fixture);
  });
});
