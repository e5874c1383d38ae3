/**
 * The audit log against real Postgres: the verbs that must audit do so in their own transaction (portfolio and bet
 * writes, API key creation and revocation, model activation, retirement and rollback — with the actor who did it),
 * the chain verifies, and `fairline audit verify` names the first broken link when a row is edited or deleted behind
 * the app's back (as the superuser, with the append-only trigger disabled for the edit) — exit 1 — and passes again
 * once the row is restored.
 */
import { auditSnapshots, modelVersions, users } from '@fairline/db';
import { asc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { command } from '../../../src/cli/commands/audit.ts';
import { silentLogger } from '../../../src/lib/logger.ts';
import { createApiKey, revokeApiKey } from '../../../src/services/api-keys/index.ts';
import { auditEntryHash, canonicalJson, verifyAuditChain } from '../../../src/services/audit/index.ts';
import type { UserCtx } from '../../../src/services/auth/actor.ts';
import { activate, rollback } from '../../../src/services/models/registry.ts';
import { createPortfolio, renamePortfolio } from '../../../src/services/portfolios/index.ts';
import { cliSuite } from '../../support/cli.ts';

const { capture, db } = cliSuite(command.run);
let ctx: UserCtx;

const entries = () => db().select().from(auditSnapshots).orderBy(asc(auditSnapshots.id));
/** Runs `statement` on the audit table as the superuser with the append-only trigger off (what an attacker with DDL could do). */
const behindTheAppsBack = (statement: ReturnType<typeof sql>) =>
  db().transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE audit_snapshots DISABLE TRIGGER audit_snapshots_no_update_delete`);
    await tx.execute(statement);
    await tx.execute(sql`ALTER TABLE audit_snapshots ENABLE TRIGGER audit_snapshots_no_update_delete`);
  });

beforeAll(async () => {
  const [u] = await db().insert(users).values({ email: 'auditor@example.test', passwordHash: 'x' }).returning({ id: users.id });
  const user = { id: u!.id, email: 'auditor@example.test', role: 'user' as const, plan: 'free' as const };
  ctx = { db: db(), read: db(), cache: null, clock: () => new Date(), logger: silentLogger, fetch, principal: { kind: 'session', user, sessionId: 's', viaCookie: false }, user };
});

describe('canonical JSON', () => {
  it('sorts keys at every depth, drops undefined properties, writes dates as ISO, refuses what JSON cannot hold', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: null, y: 'x' }], c: undefined }, at: new Date(Date.UTC(2026, 0, 2)) })).toBe(
      '{"a":{"d":[1,{"y":"x","z":null}]},"at":"2026-01-02T00:00:00.000Z","b":1}',
    );
    expect(canonicalJson({ x: -0, y: 1e-7 })).toBe('{"x":0,"y":1e-7}');
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ x: 1n })).toThrow(TypeError);
  });
});

describe('the verbs audit what they change, in their own transaction', () => {
  it('portfolios, API keys and the model registry append entries naming the actor', async () => {
    const p = await createPortfolio({ ctx, input: { name: 'Audited', startingBankroll: 100 } });
    await renamePortfolio({ ctx, input: { id: p.id, name: 'Audited 2' } });
    const key = await createApiKey({ ctx, input: { name: 'partner', scopes: ['read:markets'] } });
    await revokeApiKey({ ctx, input: { id: key.id } });
    await revokeApiKey({ ctx, input: { id: key.id } }); // a repeat: no second entry
    const [v1, v2] = await db().insert(modelVersions).values([1, 2].map((version) => ({ kind: 'nfl_game_lines' as const, scope: 'nfl', version, status: 'candidate' as const, config: {}, artifact: { v: version } }))).returning({ id: modelVersions.id });
    await activate({ ctx: { ...ctx }, input: { id: v1!.id } });
    await activate({ ctx: { db: db() }, input: { id: v2!.id } });
    await rollback({ ctx: { db: db(), principal: { kind: 'machine' } }, input: { kind: 'nfl_game_lines', scope: 'nfl', reason: 'test: back' } });

    const log = await entries();
    const actor = `user:${ctx.user.id}`;
    expect(log.map((e) => [e.kind, e.actor, e.subject])).toEqual([
      ['portfolio.create', actor, `portfolio:${p.id}`],
      ['portfolio.rename', actor, `portfolio:${p.id}`],
      ['api_key.create', actor, `api_key:${key.id}`],
      ['api_key.revoke', actor, `api_key:${key.id}`],
      ['model.activate', actor, `model_version:${v1!.id}`],
      ['model.activate', 'cli', `model_version:${v2!.id}`],
      ['model.rollback', 'admin-token', `model_version:${v1!.id}`],
    ]);
    expect(log[2]!.payload).toEqual({ name: 'partner', prefix: key.prefix, scopes: ['read:markets'], expiresAt: null });
    expect(JSON.stringify(log)).not.toContain(key.secret.slice(-20)); // never the secret
    expect(log[5]!.payload).toEqual({ kind: 'nfl_game_lines', scope: 'nfl', retired: v1!.id });
    // Each hash is SHA-256(previous hash ‖ canonical JSON of the entry), from the genesis hash.
    expect(log[0]!.prevHash).toBe('0'.repeat(64));
    for (let i = 0; i < log.length; i++) {
      expect(log[i]!.hash).toBe(await auditEntryHash(log[i]!.prevHash, log[i]!));
      if (i > 0) expect(log[i]!.prevHash).toBe(log[i - 1]!.hash);
    }
  });
});

describe('fairline audit verify', () => {
  it('passes on an intact chain (exit 0) and names its head', async () => {
    const head = (await entries()).at(-1)!.hash;
    const r = await capture([]);
    expect(r).toMatchObject({ code: 0, out: `audit chain intact: 7 entries, head ${head}\n` });
    expect(JSON.parse((await capture(['--json'])).out)).toEqual({ entries: 7, head, broken: null });
  });

  it('names the edited entry as the first broken link (exit 1), and passes again once it is restored', async () => {
    const log = await entries();
    const target = log[2]!;
    await behindTheAppsBack(sql`UPDATE audit_snapshots SET payload = jsonb_set(payload, '{name}', '"someone else"') WHERE id = ${target.id}`);
    const r = await capture([]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`BROKEN at entry #${target.id} \\(api_key.create api_key:${target.subject.slice(8)}\\): its contents hash to [0-9a-f]{64}, not the stored ${target.hash} \\(the entry was edited\\)`));
    expect(r.err).toMatch(/2 entries before it verified/);
    expect((await verifyAuditChain({ ctx: { read: db() } })).broken).toMatchObject({ id: target.id, problem: 'hash' });
    await behindTheAppsBack(sql`UPDATE audit_snapshots SET payload = ${JSON.stringify(target.payload)}::jsonb WHERE id = ${target.id}`);
    expect((await capture([])).code).toBe(0);
  });

  it('names the entry after a deleted one (its link is broken)', async () => {
    const log = await entries();
    await behindTheAppsBack(sql`DELETE FROM audit_snapshots WHERE id = ${log[4]!.id}`);
    const r = await capture(['--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual({
      entries: 5, head: log[3]!.hash, broken: { id: log[5]!.id, kind: 'model.activate', subject: log[5]!.subject, problem: 'link', expected: log[3]!.hash, found: log[4]!.hash },
    });
  });

  it('the app itself cannot edit or delete an entry: the trigger refuses', async () => {
    const err = await db().execute(sql`DELETE FROM audit_snapshots`).then(() => null, (e: { cause?: { message?: string } }) => e.cause?.message);
    expect(err).toMatch(/append-only: DELETE refused/);
    expect(await db().select({ n: sql<number>`count(*)::int` }).from(auditSnapshots).where(eq(auditSnapshots.kind, 'model.rollback'))).toEqual([{ n: 1 }]);
  });
});
