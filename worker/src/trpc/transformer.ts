/**
 * The API's wire transformer: superjson (Dates and the like survive the trip), with the serialised form of a cached
 * answer remembered. A read-cache hit hands tRPC the very object it handed out before (lib/read-cache keeps answers
 * as objects in memory), so superjson's walk over a large answer — every book's priced markets, a value scan —
 * is done once per cached answer instead of once per request. Only answers the read cache marked as shared are
 * remembered (they are never mutated); everything else is serialised afresh.
 */
import superjson from 'superjson';
import { isSharedAnswer } from '../lib/read-cache/shared-answers.ts';

type Serialized = ReturnType<typeof superjson.serialize>;
const serialized = new WeakMap<object, Serialized>();

/** superjson, remembering the serialised form of shared (cached) answers. */
export const apiTransformer = {
  serialize(value: unknown): Serialized {
    if (!isSharedAnswer(value)) return superjson.serialize(value);
    let s = serialized.get(value);
    if (!s) serialized.set(value, (s = superjson.serialize(value)));
    return s;
  },
  deserialize: <T>(payload: Serialized): T => superjson.deserialize<T>(payload),
};
