/**
 * The platform's own account and portfolio, where the track record's picks are kept. Created on first use and found
 * again after (idempotent: the email and the portfolio name are unique), so every deployment has exactly one.
 * The account cannot sign in: its password hash is not a hash any password verifies against.
 */
import { insertPortfolio, insertUser, portfoliosOf, userCredentialsByEmail, type PortfolioRow, type Tx } from '@fairline/db';
import type { Ctx } from '../../context.ts';
import { appendAudit, SYSTEM_ACTOR } from '../audit/index.ts';

/** The system account's email (an `.invalid` domain: it can receive nothing). */
export const SYSTEM_EMAIL = 'track-record@fairline.invalid';
/** The track record portfolio's name. */
export const TRACK_RECORD_NAME = 'Fairline track record';
/** Its currency and starting bankroll in minor units (1000.00 USD): each pick stakes a flat PICK_STAKE of it. */
export const TRACK_RECORD_CURRENCY = 'USD';
export const TRACK_RECORD_BANKROLL = 100_000;
/** Every pick's stake in minor units (10.00 USD = 1 % of the starting bankroll): ROI then reads as a per-pick average. */
export const PICK_STAKE = 1_000;
/** A password hash no password verifies against (not in argon2's encoding), so nobody can sign in as the system. */
const NO_PASSWORD = '!disabled:system-account';

/** The system account and its track record portfolio. */
export interface SystemPortfolio {
  userId: string;
  portfolio: PortfolioRow;
}

/** Finds the system portfolio without creating anything (the public summary reads; null before the first pick job). */
export async function findSystemPortfolio(ctx: Pick<Ctx, 'read'>): Promise<SystemPortfolio | null> {
  const user = await userCredentialsByEmail(ctx.read, SYSTEM_EMAIL);
  if (!user) return null;
  const p = (await portfoliosOf(ctx.read, user.id, { includeArchived: true })).find((x) => x.name === TRACK_RECORD_NAME);
  return p ? { userId: user.id, portfolio: p } : null;
}

/** The system account and portfolio, created (and the portfolio's creation audited) when missing. */
export async function ensureSystemPortfolio(ctx: Ctx): Promise<SystemPortfolio> {
  const found = await findSystemPortfolio({ read: ctx.db });
  if (found) return found;
  const now = ctx.clock();
  const existingUser = await userCredentialsByEmail(ctx.db, SYSTEM_EMAIL);
  await ctx.db.transaction(async (tx: Tx) => {
    const userId = existingUser?.id ?? (await insertUser(tx, { email: SYSTEM_EMAIL, passwordHash: NO_PASSWORD }))?.id;
    if (!userId) return; // created concurrently by another tick: found below
    const row = await insertPortfolio(tx, { userId, name: TRACK_RECORD_NAME, currency: TRACK_RECORD_CURRENCY, startingBankroll: TRACK_RECORD_BANKROLL, now });
    if (row) {
      await appendAudit(tx, {
        kind: 'portfolio.create', actor: SYSTEM_ACTOR, subject: `portfolio:${row.id}`,
        payload: { name: TRACK_RECORD_NAME, currency: TRACK_RECORD_CURRENCY, startingBankroll: TRACK_RECORD_BANKROLL },
      }, now);
    }
  });
  const made = await findSystemPortfolio({ read: ctx.db });
  if (!made) throw new Error('the track record portfolio could not be created');
  return made;
}
