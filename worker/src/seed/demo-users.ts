/**
 * The demo accounts of the embedded default: a subscriber (plan pro) and an admin, with fixed, published passwords
 * that `npm start` prints — LOCAL DEMO ONLY. They are made through the sign-up verb (createUser: same hashing and
 * password policy), only when missing, so a database seeded before they existed gets them too and a changed demo
 * password is left alone. Nothing outside the local seed creates them; a deployment never runs this.
 */
import { userCredentialsByEmail, type PoolDb, type Plan, type UserRole } from '@fairline/db';
import type { Ctx } from '../context.ts';
import { silentLogger } from '../lib/logger.ts';
import { createUser } from '../services/auth/create-user.ts';

/** One demo account and its published password. */
export interface DemoUser {
  email: string;
  password: string;
  role: UserRole;
  plan: Plan;
  label: string;
}

/** The demo subscriber and the demo admin (LOCAL DEMO ONLY: the passwords are in the repository). */
export const DEMO_USERS: readonly DemoUser[] = Object.freeze([
  { label: 'demo subscriber', email: 'demo.subscriber@fairline.local', password: 'fair prices for everyone', role: 'user', plan: 'pro' },
  { label: 'demo admin', email: 'demo.admin@fairline.local', password: 'local operator console', role: 'admin', plan: 'pro' },
]);

/** What seedDemoUsers did per account: created now, or found already there. */
export interface DemoUserSeed extends DemoUser {
  created: boolean;
}

/** Creates each DEMO_USERS account that does not exist yet. */
export async function seedDemoUsers(db: PoolDb): Promise<DemoUserSeed[]> {
  const ctx: Ctx = { db, read: db, cache: null, clock: () => new Date(), logger: silentLogger, fetch };
  const out: DemoUserSeed[] = [];
  for (const demo of DEMO_USERS) {
    const exists = await userCredentialsByEmail(db, demo.email);
    if (!exists) await createUser({ ctx, input: { email: demo.email, password: demo.password, role: demo.role, plan: demo.plan } });
    out.push({ ...demo, created: !exists });
  }
  return out;
}
