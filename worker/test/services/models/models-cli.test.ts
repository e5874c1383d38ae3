/**
 * `fairline models …` against real Postgres (DATABASE_URL = this suite's database): the registry's verbs from
 * the command line — list, activate, rollback, retire, promote — with usage errors for bad arguments (a missing reason).
 */
import { modelVersions } from '@fairline/db';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/commands/models.ts';
import { cliSuite } from '../../support/cli.ts';

let ids: number[] = [];
const { capture, db } = cliSuite(run, async (fresh) => {
  const rows = await fresh.db.insert(modelVersions).values([1, 2].map((version) => ({
    kind: 'nfl_game_lines' as const, scope: 'nfl', version, status: 'candidate' as const, config: {}, artifact: { v: version },
  }))).returning({ id: modelVersions.id });
  ids = rows.map((r) => r.id);
});
const status = async (id: number) => (await db().select({ s: modelVersions.status }).from(modelVersions).where(eq(modelVersions.id, id)))[0]!.s;

describe('fairline models', () => {
  it('lists versions, activates one, rolls back, retires', async () => {
    const listed = await capture(['list', '--kind', 'nfl_game_lines', '--json']);
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.out) as { id: number }[]).map((v) => v.id).sort()).toEqual([...ids].sort());

    expect((await capture(['activate', '--id', String(ids[0])])).code).toBe(0);
    const second = await capture(['activate', '--id', String(ids[1]), '--json']);
    expect(JSON.parse(second.out)).toMatchObject({ id: ids[1], status: 'active' });
    expect(await status(ids[0]!)).toBe('retired');

    const back = await capture(['rollback', '--kind', 'nfl_game_lines', '--scope', 'nfl', '--reason', 'test: back']);
    expect(back.code).toBe(0);
    expect(back.out).toMatch(new RegExp(`#${ids[0]} .* active`));
    expect((await capture(['retire', '--id', String(ids[0])])).code).toBe(0);
    expect(await status(ids[0]!)).toBe('retired');
    // promote: the operator's override of the gate, with the reason kept in the audit log.
    const promoted = await capture(['promote', '--id', String(ids[0]), '--reason', 'test: operator choice', '--json']);
    expect(JSON.parse(promoted.out)).toMatchObject({ id: ids[0], status: 'active' });
    expect(await status(ids[1]!)).toBe('retired');
  });

  it('answers usage errors (exit 2) and verb errors (exit 1) clearly', async () => {
    expect((await capture(['activate'])).code).toBe(2);
    expect((await capture(['activate', '--id', 'x'])).code).toBe(2);
    expect((await capture(['list', '--kind', 'dixon_coles'])).code).toBe(2);
    // promote and rollback need a reason.
    expect((await capture(['promote', '--id', String(ids[1])])).code).toBe(2);
    expect((await capture(['rollback', '--kind', 'nfl_game_lines', '--scope', 'nfl'])).code).toBe(2);
    const blank = await capture(['promote', '--id', String(ids[1]), '--reason', ' ']);
    expect(blank.code).toBe(1);
    expect(blank.err).toMatch(/reason/);
    const missing = await capture(['activate', '--id', '987654']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/model version 987654 not found/);
    const none = await capture(['rollback', '--kind', 'soccer_dixon_coles', '--scope', 'soccer:XX', '--reason', 'test: back']);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/no earlier active/);
  });
});
