/** Recording the queue messages the pipeline gave up on, so that none disappears silently (table dead_letters). */
import { insertDeadLetters, type NewDeadLetter } from '@fairline/db';
import type { Ctx } from '../../context.ts';

export type { NewDeadLetter };

/** Records each dead letter once (a redelivered one is not a second row); returns how many rows were added. */
export async function recordDeadLetters({ ctx, input }: { ctx: Pick<Ctx, 'db'>; input: { letters: readonly NewDeadLetter[] } }): Promise<number> {
  return insertDeadLetters(ctx.db, input.letters);
}
