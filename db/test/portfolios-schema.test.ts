// The portfolio, bet, settlement and audit tables hold their invariants themselves: exact money, CHECK constraints,
// a bet owned by its portfolio's user, an idempotency key unique per user, an audit chain that cannot fork.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { freshDatabase, type FreshDb } from '../../scripts/test/fresh-db.ts';

let fresh: FreshDb;
let fixtureId: number;
let ana: string;
let ben: string;
let anaPortfolio: string;
let benPortfolio: string;

const rows = async <T>(q: ReturnType<typeof sql>) => ((await fresh.db.execute(q)) as unknown as { rows: T[] }).rows;
const one = async <T>(q: ReturnType<typeof sql>) => (await rows<T>(q))[0]!;

/** Runs `q` and returns the database's error message (the driver's, under drizzle's wrapper); '' when it succeeds. */
async function failure(q: ReturnType<typeof sql>): Promise<string> {
  try {
    await fresh.db.execute(q);
    return '';
  } catch (err) {
    const e = err as Error & { cause?: Error };
    return e.cause?.message ?? e.message;
  }
}

const bet = (o: { user?: string; portfolio?: string; ref: string; stake?: number | string; price?: number | string; extra?: ReturnType<typeof sql> }) => sql`
  INSERT INTO bets (portfolio_id, user_id, client_ref, fixture_id, market, selection, line, price_taken, stake)
  VALUES (${o.portfolio ?? anaPortfolio}, ${o.user ?? ana}, ${o.ref}, ${fixtureId}, 'asian_handicap', 'home', -0.25,
          ${o.price ?? '1.909091'}, ${o.stake ?? 1000}) RETURNING id`;

beforeAll(async () => {
  fresh = await freshDatabase(inject('stack'));
  const comp = await one<{ id: number }>(sql`INSERT INTO competitions (sport, code, name) VALUES ('soccer', 'T1', 'Test') RETURNING id`);
  const season = await one<{ id: number }>(sql`INSERT INTO seasons (competition_id, label) VALUES (${comp.id}, '2025') RETURNING id`);
  const [home, away] = await rows<{ id: number }>(sql`INSERT INTO teams (sport, name) VALUES ('soccer', 'Home FC'), ('soccer', 'Away FC') RETURNING id`);
  fixtureId = (await one<{ id: number }>(sql`
    INSERT INTO fixtures (sport, competition_id, season_id, natural_key, home_team_id, away_team_id, kickoff_at)
    VALUES ('soccer', ${comp.id}, ${season.id}, 'test:1', ${home!.id}, ${away!.id}, now()) RETURNING id`)).id;
  ana = (await one<{ id: string }>(sql`INSERT INTO users (email, password_hash) VALUES ('ana@example.com', 'x') RETURNING id`)).id;
  ben = (await one<{ id: string }>(sql`INSERT INTO users (email, password_hash) VALUES ('ben@example.com', 'x') RETURNING id`)).id;
  anaPortfolio = (await one<{ id: string }>(sql`INSERT INTO portfolios (user_id, name, starting_bankroll) VALUES (${ana}, 'Main', 100000) RETURNING id`)).id;
  benPortfolio = (await one<{ id: string }>(sql`INSERT INTO portfolios (user_id, name, currency, starting_bankroll) VALUES (${ben}, 'Main', 'GBP', 50000) RETURNING id`)).id;
});
afterAll(async () => {
  await fresh?.drop();
});

describe('portfolios', () => {
  it('keep the bankroll in exact minor units and refuse a bad currency, bankroll or name', async () => {
    const p = await one<{ starting_bankroll: string; currency: string }>(sql`SELECT starting_bankroll::text, currency FROM portfolios WHERE id = ${anaPortfolio}`);
    expect(p).toEqual({ starting_bankroll: '100000', currency: 'EUR' });
    expect(await failure(sql`INSERT INTO portfolios (user_id, name, currency, starting_bankroll) VALUES (${ana}, 'X', 'eur', 1)`)).toMatch(/portfolios_currency_iso/);
    expect(await failure(sql`INSERT INTO portfolios (user_id, name, starting_bankroll) VALUES (${ana}, 'Y', 0)`)).toMatch(/portfolios_starting_bankroll_positive/);
    expect(await failure(sql`INSERT INTO portfolios (user_id, name, starting_bankroll) VALUES (${ana}, 'Z', ${'10.5'})`)).toMatch(/invalid input syntax for type bigint/); // a fractional minor unit, as a query parameter
    expect(await failure(sql`INSERT INTO portfolios (user_id, name, starting_bankroll) VALUES (${ana}, '  ', 1)`)).toMatch(/portfolios_name_not_blank/);
    expect(await failure(sql`INSERT INTO portfolios (user_id, name, starting_bankroll) VALUES (${ana}, 'Main', 1)`)).toMatch(/portfolios_natural_key/);
  });
});

describe('bets', () => {
  it('store the price to 6 decimals and the stake in minor units', async () => {
    const { id } = await one<{ id: string }>(bet({ ref: 'a-1' }));
    const b = await one<{ price_taken: string; stake: string; result: string; source: string }>(
      sql`SELECT price_taken::text, stake::text, result, source FROM bets WHERE id = ${id}`);
    expect(b).toEqual({ price_taken: '1.909091', stake: '1000', result: 'pending', source: 'quote' });
  });

  it('refuse stake ≤ 0, price ≤ 1, a probability outside [0, 1], a blank reference', async () => {
    expect(await failure(bet({ ref: 'a-2', stake: 0 }))).toMatch(/bets_stake_positive/);
    expect(await failure(bet({ ref: 'a-3', stake: -100 }))).toMatch(/bets_stake_positive/);
    expect(await failure(bet({ ref: 'a-4', price: 1 }))).toMatch(/bets_price_taken_above_one/);
    expect(await failure(bet({ ref: 'a-5', price: '0.95' }))).toMatch(/bets_price_taken_above_one/);
    expect(await failure(bet({ ref: '   ' }))).toMatch(/bets_client_ref_not_blank/);
    const { id } = await one<{ id: string }>(bet({ ref: 'a-6' }));
    expect(await failure(sql`UPDATE bets SET model_probability = 1.2 WHERE id = ${id}`)).toMatch(/bets_model_probability_range/);
    expect(await failure(sql`UPDATE bets SET closing_price = 1 WHERE id = ${id}`)).toMatch(/bets_closing_price_above_one/);
    expect(await failure(sql`UPDATE bets SET fair_closing_probability = 0 WHERE id = ${id}`)).toMatch(/bets_fair_closing_probability_range/);
  });

  it('belong to their portfolio\'s owner: a bet in another user\'s portfolio cannot exist', async () => {
    expect(await failure(bet({ ref: 'x-1', user: ana, portfolio: benPortfolio }))).toMatch(/bets_portfolio_owner_fk/);
    expect(await failure(bet({ ref: 'x-2', user: ben, portfolio: anaPortfolio }))).toMatch(/bets_portfolio_owner_fk/);
  });

  it('take a client reference once per user (another user may use the same one)', async () => {
    await one(bet({ ref: 'same' }));
    expect(await failure(bet({ ref: 'same' }))).toMatch(/bets_client_ref_key/);
    await one(bet({ ref: 'same', user: ben, portfolio: benPortfolio }));
  });

  it('are pending exactly while they have no P&L and no settlement time, and lose at most their stake', async () => {
    const { id } = await one<{ id: string }>(bet({ ref: 's-1' }));
    expect(await failure(sql`UPDATE bets SET result = 'won' WHERE id = ${id}`)).toMatch(/bets_settled_consistent/);
    expect(await failure(sql`UPDATE bets SET pnl = 10 WHERE id = ${id}`)).toMatch(/bets_settled_consistent/);
    expect(await failure(sql`UPDATE bets SET result = 'lost', pnl = -1001, settled_at = now() WHERE id = ${id}`)).toMatch(/bets_pnl_at_least_minus_stake/);
    expect(await failure(sql`UPDATE bets SET result = 'half_lost', pnl = -500, settled_at = now() WHERE id = ${id}`)).toBe('');
  });

  it('name a player and a prop for a player prop, and only then', async () => {
    expect(await failure(sql`
      INSERT INTO bets (portfolio_id, user_id, client_ref, fixture_id, market, selection, line, price_taken, stake)
      VALUES (${anaPortfolio}, ${ana}, 'p-1', ${fixtureId}, 'player_prop', 'over', 249.5, 1.9, 1000)`)).toMatch(/bets_player_prop_has_player/);
  });

  it('keep every settlement in order; an entry is never pending, and a void entry voids', async () => {
    const { id } = await one<{ id: string }>(bet({ ref: 'h-1' }));
    await fresh.db.execute(sql`INSERT INTO bet_settlements (bet_id, sequence, kind, result, pnl, home_score, away_score) VALUES (${id}, 1, 'settle', 'half_lost', -500, 0, 0)`);
    await fresh.db.execute(sql`INSERT INTO bet_settlements (bet_id, sequence, kind, result, pnl, home_score, away_score) VALUES (${id}, 2, 'resettle', 'won', 909, 1, 0)`);
    expect(await failure(sql`INSERT INTO bet_settlements (bet_id, sequence, kind, result, pnl) VALUES (${id}, 2, 'resettle', 'lost', -1000)`)).toMatch(/bet_settlements_sequence_key/);
    expect(await failure(sql`INSERT INTO bet_settlements (bet_id, sequence, kind, result, pnl) VALUES (${id}, 3, 'resettle', 'pending', 0)`)).toMatch(/bet_settlements_not_pending/);
    expect(await failure(sql`INSERT INTO bet_settlements (bet_id, sequence, kind, result, pnl) VALUES (${id}, 3, 'void', 'won', 0)`)).toMatch(/bet_settlements_void_kind/);
    expect(await failure(sql`INSERT INTO bet_settlements (bet_id, sequence, kind, result, pnl) VALUES (${id}, 0, 'settle', 'won', 0)`)).toMatch(/bet_settlements_sequence_positive/);
    const history = await rows<{ sequence: number; result: string }>(sql`SELECT sequence, result FROM bet_settlements WHERE bet_id = ${id} ORDER BY sequence`);
    expect(history).toEqual([{ sequence: 1, result: 'half_lost' }, { sequence: 2, result: 'won' }]);
  });
});

describe('audit_snapshots', () => {
  const h = (c: string) => c.repeat(64);
  const entry = (prev: string, hash: string) => sql`
    INSERT INTO audit_snapshots (kind, actor, subject, payload, prev_hash, hash) VALUES ('bet.place', 'system', 'bet:x', '{}', ${prev}, ${hash})`;

  it('chain without forks: a previous hash is taken once; hashes are 64 hex digits', async () => {
    expect(await failure(entry(h('0'), h('a')))).toBe('');
    expect(await failure(entry(h('a'), h('b')))).toBe('');
    expect(await failure(entry(h('a'), h('c')))).toMatch(/audit_snapshots_prev_hash_key/);
    expect(await failure(entry(h('b'), h('a')))).toMatch(/audit_snapshots_hash_unique/);
    expect(await failure(entry(h('b'), 'not-a-hash'))).toMatch(/audit_snapshots_hash_hex/);
    expect(await failure(entry(h('b'), h('b')))).toMatch(/audit_snapshots_not_self_linked/);
  });

  it('keep the entry time to the millisecond, as it was hashed', async () => {
    const { created_at } = await one<{ created_at: string }>(sql`SELECT created_at::text FROM audit_snapshots ORDER BY id LIMIT 1`);
    expect(created_at).toMatch(/:\d{2}(\.\d{1,3})?[+-]\d{2}(:\d{2})?$/);
  });
});
