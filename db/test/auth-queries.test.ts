import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { freshDatabase, type FreshDb } from '../../scripts/test/fresh-db.ts';
import { createHttpDb } from '../src/client.ts';
import {
  apiKeyIdsOf,
  apiKeysOf,
  deleteSessionOf,
  deleteSessionsOf,
  insertApiKey,
  insertSession,
  insertUser,
  liveSessionsOf,
  liveSessionWithUser,
  markApiKeyUsed,
  revokeApiKeyOf,
  touchSession,
  usableApiKeyWithUser,
  userCredentialsByEmail,
} from '../src/queries/auth.ts';

let fresh: FreshDb;
const NOW = new Date(Date.UTC(2026, 10, 21, 12));
const DAY = 86_400_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);

beforeAll(async () => {
  fresh = await freshDatabase(inject('stack'));
});
afterAll(async () => {
  await fresh?.drop();
});

describe('users', () => {
  it('keeps emails unique case-insensitively and finds them in any case', async () => {
    const ana = await insertUser(fresh.db, { email: 'ana@example.com', passwordHash: 'h1' });
    expect(ana).toMatchObject({ email: 'ana@example.com', role: 'user', plan: 'free' });
    expect(await insertUser(fresh.db, { email: 'ANA@Example.com', passwordHash: 'h2' })).toBeNull();
    expect(await userCredentialsByEmail(fresh.db, 'Ana@EXAMPLE.com')).toMatchObject({ id: ana!.id, passwordHash: 'h1' });
    expect(await userCredentialsByEmail(fresh.db, 'nobody@example.com')).toBeNull();
  });
});

describe('sessions', () => {
  it('resolves a live session with its user, slides it, and never crosses users', async () => {
    const a = (await insertUser(fresh.db, { email: 'sess-a@example.com', passwordHash: 'h' }))!;
    const b = (await insertUser(fresh.db, { email: 'sess-b@example.com', passwordHash: 'h' }))!;
    await insertSession(fresh.db, { id: 'a1', userId: a.id, expiresAt: at(DAY), now: NOW, userAgent: 'test' });
    await insertSession(fresh.db, { id: 'a2', userId: a.id, expiresAt: at(DAY), now: NOW });
    await insertSession(fresh.db, { id: 'a-old', userId: a.id, expiresAt: at(-1), now: at(-DAY) });
    await insertSession(fresh.db, { id: 'b1', userId: b.id, expiresAt: at(DAY), now: NOW });

    const http = createHttpDb({ url: fresh.url, localProxy: fresh.localProxy });
    expect(await liveSessionWithUser(http, 'a1', NOW)).toMatchObject({ session: { id: 'a1', userAgent: 'test' }, user: { id: a.id } });
    expect(await liveSessionWithUser(http, 'a-old', NOW)).toBeNull();
    expect(await liveSessionWithUser(http, 'a1', at(DAY))).toBeNull();

    await touchSession(fresh.db, 'a1', at(1000), at(30 * DAY));
    expect((await liveSessionWithUser(http, 'a1', at(2 * DAY)))?.session.expiresAt).toEqual(at(30 * DAY));

    expect((await liveSessionsOf(fresh.db, a.id, NOW)).map((s) => s.id).sort()).toEqual(['a1', 'a2']);
    expect(await deleteSessionOf(fresh.db, a.id, 'b1')).toBe(false);
    expect(await liveSessionWithUser(http, 'b1', NOW)).not.toBeNull();
    expect(await deleteSessionsOf(fresh.db, a.id, 'a1')).toBe(2);
    expect((await liveSessionsOf(fresh.db, a.id, NOW)).map((s) => s.id)).toEqual(['a1']);
    expect(await deleteSessionOf(fresh.db, a.id, 'a1')).toBe(true);
  });
});

describe('api keys', () => {
  it('resolves only usable keys, revokes only the owner’s, and marks use at most once per interval', async () => {
    const a = (await insertUser(fresh.db, { email: 'keys-a@example.com', passwordHash: 'h' }))!;
    const b = (await insertUser(fresh.db, { email: 'keys-b@example.com', passwordHash: 'h' }))!;
    const k = await insertApiKey(fresh.db, { userId: a.id, name: 'bot', prefix: 'abcd1234', hash: 'hash-k', scopes: ['read:markets', 'read:props'], expiresAt: null, now: NOW });
    const soon = await insertApiKey(fresh.db, { userId: a.id, name: 'soon', prefix: 'soon0000', hash: 'hash-s', scopes: [], expiresAt: at(DAY), now: NOW });
    expect(k.scopes).toEqual(['read:markets', 'read:props']);
    expect(await usableApiKeyWithUser(fresh.db, 'hash-k', NOW)).toMatchObject({ key: { id: k.id, prefix: 'abcd1234' }, user: { id: a.id } });
    expect(await usableApiKeyWithUser(fresh.db, 'hash-s', at(DAY))).toBeNull();
    expect(await usableApiKeyWithUser(fresh.db, 'nope', NOW)).toBeNull();

    expect(await markApiKeyUsed(fresh.db, k.id, NOW, 60_000)).toBe(true);
    expect(await markApiKeyUsed(fresh.db, k.id, at(30_000), 60_000)).toBe(false);
    expect(await markApiKeyUsed(fresh.db, k.id, at(61_000), 60_000)).toBe(true);

    expect(await revokeApiKeyOf(fresh.db, b.id, k.id, NOW)).toBeNull();
    const revoked = await revokeApiKeyOf(fresh.db, a.id, k.id, NOW);
    expect(revoked?.revokedAt).toEqual(NOW);
    // Revoking twice keeps the first time.
    expect((await revokeApiKeyOf(fresh.db, a.id, k.id, at(DAY)))?.revokedAt).toEqual(NOW);
    expect(await usableApiKeyWithUser(fresh.db, 'hash-k', NOW)).toBeNull();
    expect((await apiKeysOf(fresh.db, a.id)).map((r) => r.id).sort()).toEqual([k.id, soon.id].sort());
    expect(await apiKeyIdsOf(fresh.db, b.id)).toEqual([]);
  });
});
