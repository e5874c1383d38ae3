/** See reachable.mjs (plain JavaScript so scripts/bootstrap.mjs can use it before TypeScript is installed). */
export interface PosixIdentity {
  uid: number;
  gids: number[];
}
/** The uid and group ids of the `postgres` user; `undefined` when it does not exist yet. */
export function postgresIdentity(): PosixIdentity | undefined;
/** The first existing directory on the way to `path` that `who` may not enter, or `undefined`. */
export function blockedAncestor(path: string, who: PosixIdentity | undefined): string | undefined;
/** One line saying why the embedded Postgres cannot run from here and what to do, or `undefined` when it can. */
export function postgresReachProblem(paths: string[]): string | undefined;
