/**
 * Who an audit entry names as its actor, from the caller's principal: `user:<uuid>` for a session,
 * `user:<uuid>/api_key:<uuid>` for an API key (the key is part of who acted), `admin-token` for the machine ADMIN_TOKEN;
 * jobs are `system` and the Node CLI `cli`.
 */
import type { Principal } from '../auth/principal.ts';

/** The actor of a cron job's entries. */
export const SYSTEM_ACTOR = 'system';
/** The actor of the Node CLI's entries (an operator at the database). */
export const CLI_ACTOR = 'cli';

/** The actor string of `principal` (anonymous callers cannot change anything audited; they are named for completeness). */
export function actorOf(principal: Principal): string {
  switch (principal.kind) {
    case 'session':
      return `user:${principal.user.id}`;
    case 'apiKey':
      return `user:${principal.user.id}/api_key:${principal.keyId}`;
    case 'machine':
      return 'admin-token';
    case 'anonymous':
      return 'anonymous';
  }
}
