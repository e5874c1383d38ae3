/**
 * The demo accounts (worker/src/seed/demo-users.ts): created once with their published passwords and roles, left
 * alone the second time.
 */
import { userCredentialsByEmail } from '@fairline/db';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase, type FreshDb } from '../../../scripts/test/fresh-db.ts';
import { DEMO_USERS, seedDemoUsers } from '../../src/seed/index.ts';
import { verifyPassword } from '../../src/services/auth/password.ts';

let fresh: FreshDb;
beforeAll(async () => {
  fresh = await freshDatabase(inject('stack'));
});
afterAll(async () => {
  await fresh?.drop();
});

describe('demo users', () => {
  it('are a subscriber and an admin whose published passwords sign in; seeding again changes nothing', async () => {
    const first = await seedDemoUsers(fresh.db);
    expect(first.map((u) => [u.role, u.created])).toEqual([['user', true], ['admin', true]]);
    for (const demo of DEMO_USERS) {
      const row = (await userCredentialsByEmail(fresh.db, demo.email))!;
      expect(row).toMatchObject({ role: demo.role, plan: demo.plan });
      expect((await verifyPassword(demo.password, row.passwordHash)).ok).toBe(true);
    }
    const before = await userCredentialsByEmail(fresh.db, DEMO_USERS[0]!.email);
    const second = await seedDemoUsers(fresh.db);
    expect(second.every((u) => !u.created)).toBe(true);
    expect((await userCredentialsByEmail(fresh.db, DEMO_USERS[0]!.email))!.passwordHash).toBe(before!.passwordHash);
  });
});
