import { createApiKey, createApiKeyInput } from '../../services/api-keys/create-api-key.ts';
import { listApiKeys } from '../../services/api-keys/list-api-keys.ts';
import { revokeApiKey, revokeApiKeyInput } from '../../services/api-keys/revoke-api-key.ts';
import { keyUsage, keyUsageInput } from '../../services/usage/key-usage.ts';
import { protectedProcedure, router } from '../init.ts';

/** Partner API keys of the signed-in user (services/api-keys); sessions only — a key cannot manage keys. */
export const apiKeysRouter = router({
  /** Creates a key; the answer's `secret` is the key itself, shown this once. */
  create: protectedProcedure.input(createApiKeyInput).mutation(({ ctx, input }) => createApiKey({ ctx, input })),
  /** Every key of the caller with prefix, scopes, status, created and last used. */
  list: protectedProcedure.query(({ ctx }) => listApiKeys({ ctx })),
  /** Revokes a key: it gets 401 from the next request on. */
  /** The account's plan, limits and today's quota, and per key per UTC day the calls, units and refusals metered. */
  usage: protectedProcedure
    .input(keyUsageInput.optional())
    .query(({ ctx, input }) => keyUsage({ ctx, input: { userId: ctx.user.id, plan: ctx.user.plan, days: input?.days } })),
  revoke: protectedProcedure.input(revokeApiKeyInput).mutation(({ ctx, input }) => revokeApiKey({ ctx, input })),
});
