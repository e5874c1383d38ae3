/**
 * Display preferences (`preferences.get` / `preferences.update`) inside workerd against the real Postgres, through the
 * worker's HTTP path: the defaults, a partial change that keeps the other field, idempotent repeats — and the attacks:
 * another user neither reads nor changes mine (the procedures take no user id, so each sees only its own row),
 * anonymous callers get UNAUTHORIZED, API keys FORBIDDEN, and bad input a BAD_REQUEST that names the problem.
 */
import { userPreferences } from '@fairline/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createKey, signUpUser, trpcRaw, type TestUser } from './support/auth.ts';
import { suiteDatabase, type SuiteDb } from './support/fresh-db.ts';

interface Prefs {
  oddsFormat: string;
  timeZone: string | null;
  updatedAt: Date | null;
}

let suite: SuiteDb;
let ana: TestUser;
let ben: TestUser;

const get = (headers: Record<string, string>) => trpcRaw<Prefs>(suite.env, 'preferences.get', { headers });
const update = (headers: Record<string, string>, input: unknown) => trpcRaw<Prefs>(suite.env, 'preferences.update', { type: 'mutation', headers, input });

beforeAll(async () => {
  suite = await suiteDatabase();
  [ana, ben] = await Promise.all([signUpUser(suite.env, suite.db), signUpUser(suite.env, suite.db)]);
});
afterAll(async () => {
  await suite?.drop();
});

describe('preferences', () => {
  it('are the defaults until changed: decimal odds, the browser’s time zone', async () => {
    expect((await get(bearer(ana.token))).data).toEqual({ oddsFormat: 'decimal', timeZone: null, updatedAt: null });
  });

  it('change one field at a time, keep the other, and store the canonical zone name', async () => {
    const a = await update(bearer(ana.token), { oddsFormat: 'american' });
    expect(a.data).toMatchObject({ oddsFormat: 'american', timeZone: null });
    const b = await update(bearer(ana.token), { timeZone: 'america/new_york' });
    expect(b.data).toMatchObject({ oddsFormat: 'american', timeZone: 'America/New_York' });
    expect((await get(bearer(ana.token))).data).toMatchObject({ oddsFormat: 'american', timeZone: 'America/New_York' });
    // Back to the browser's own zone.
    expect((await update(bearer(ana.token), { timeZone: null })).data).toMatchObject({ oddsFormat: 'american', timeZone: null });
  });

  it('are idempotent: the same change twice leaves one row in the same state', async () => {
    const input = { oddsFormat: 'fractional', timeZone: 'Europe/London' };
    const first = await update(bearer(ana.token), input);
    const second = await update(bearer(ana.token), input);
    expect(second.data).toMatchObject({ oddsFormat: first.data!.oddsFormat, timeZone: first.data!.timeZone });
    const rows = await suite.db.select().from(userPreferences).where(eq(userPreferences.userId, ana.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ oddsFormat: 'fractional', timeZone: 'Europe/London' });
  });

  it('are never another user’s: Ben reads his own defaults and his change leaves Ana’s untouched', async () => {
    expect((await get(bearer(ben.token))).data).toEqual({ oddsFormat: 'decimal', timeZone: null, updatedAt: null });
    expect((await update(bearer(ben.token), { oddsFormat: 'decimal', timeZone: 'Asia/Tokyo' })).data).toMatchObject({ timeZone: 'Asia/Tokyo' });
    expect((await get(bearer(ana.token))).data).toMatchObject({ oddsFormat: 'fractional', timeZone: 'Europe/London' });
    // A user id smuggled into the input is refused, not honoured.
    const smuggled = await update(bearer(ben.token), { oddsFormat: 'american', userId: ana.id });
    expect(smuggled.error?.code).toBe('BAD_REQUEST');
    expect((await get(bearer(ana.token))).data).toMatchObject({ oddsFormat: 'fractional' });
  });

  it('refuse anonymous callers (UNAUTHORIZED) and API keys, even with every scope (FORBIDDEN)', async () => {
    expect((await get({})).error?.code).toBe('UNAUTHORIZED');
    expect((await update({}, { oddsFormat: 'american' })).error?.code).toBe('UNAUTHORIZED');
    const key = (await createKey(suite.env, ana.token, ['read:markets', 'read:props', 'read:live', 'write:portfolio'])).secret;
    expect((await get(bearer(key))).error?.code).toBe('FORBIDDEN');
    expect((await update(bearer(key), { oddsFormat: 'american' })).error?.code).toBe('FORBIDDEN');
    expect((await get(bearer(ana.token))).data).toMatchObject({ oddsFormat: 'fractional' });
  });

  it('answer bad input with a BAD_REQUEST that says what is wrong, and change nothing', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ oddsFormat: 'hongkong' }, /odds format is one of decimal, american, fractional/],
      [{ timeZone: 'Mars/Olympus_Mons' }, /unknown time zone "Mars\/Olympus_Mons"/],
      [{ timeZone: 'x'.repeat(65) }, /at most 64 characters/],
      [{ timeZone: '' }, /time zone name is required/],
      [{}, /name a preference to change/],
      [{ oddsFormat: 'american', colour: 'blue' }, /colour/],
    ];
    for (const [input, message] of cases) {
      const r = await update(bearer(ana.token), input);
      expect(r.status, JSON.stringify(input)).toBe(400);
      expect(r.error?.code, JSON.stringify(input)).toBe('BAD_REQUEST');
      expect(r.error?.message, JSON.stringify(input)).toMatch(message);
    }
    expect((await get(bearer(ana.token))).data).toMatchObject({ oddsFormat: 'fractional', timeZone: 'Europe/London' });
  });
});
