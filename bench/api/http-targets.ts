/**
 * The HTTP routes `bench:api` measures, by short stable name (the keys of the JSON output's `routes`): the reads
 * issue 16 sets targets for. Fixture ids come from the demo data at run time (an upcoming soccer match, an upcoming
 * NFL game that has props), so the bench never hard-codes an id that a reseed could change.
 */

/** A named route: `name` is the stable key (`fixtures.list`, …), `url` the full GET URL. */
export interface HttpTarget {
  name: string;
  url: string;
}

/** A tRPC GET URL (superjson input envelope) on the API at `api`. */
export const trpcUrl = (api: string, path: string, input: unknown): string =>
  `${api}/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

async function trpcGet<T>(api: string, path: string, input: unknown): Promise<{ status: number; data: T | null }> {
  const res = await fetch(trpcUrl(api, path, input));
  const body = (await res.json().catch(() => null)) as { result?: { data?: { json?: T } } } | null;
  return { status: res.status, data: body?.result?.data?.json ?? null };
}

async function upcomingIds(api: string, sport: 'soccer' | 'nfl'): Promise<number[]> {
  const r = await trpcGet<{ id: number }[]>(api, 'fixtures.list', { sport, status: 'scheduled', from: new Date().toISOString(), limit: 20 });
  if (r.status !== 200 || !r.data?.length) throw new Error(`bench:api: no upcoming ${sport} fixture in the demo data (fixtures.list ${r.status})`);
  return r.data.map((f) => f.id);
}

/** The first upcoming NFL game whose props answer 200 with at least one player (the demo projects the next games). */
async function nflFixtureWithProps(api: string): Promise<number> {
  const seen: string[] = [];
  for (const id of await upcomingIds(api, 'nfl')) {
    const r = await trpcGet<{ players?: unknown[] }>(api, 'nfl.props.byFixture', { fixtureId: id });
    if (r.status === 200 && (r.data?.players?.length ?? 0) > 0) return id;
    seen.push(`${id}: ${r.status}, ${r.data?.players?.length ?? 0} players`);
  }
  throw new Error(`bench:api: no upcoming NFL fixture with props in the demo data (${seen.join('; ')})`);
}

/** hello-world first (the floor), then the fairline routes in the order of the table. */
export async function httpTargets(api: string, hello: string): Promise<{ hello: HttpTarget; routes: HttpTarget[] }> {
  return { hello: { name: 'hello', url: `${hello}/` }, routes: await apiRoutes(api) };
}

/** The fairline routes measured, in the order of the table (bench:api:profile profiles them one by one). */
export async function apiRoutes(api: string): Promise<HttpTarget[]> {
  const soccerId = (await upcomingIds(api, 'soccer'))[0]!;
  const nflId = await nflFixtureWithProps(api);
  return [
    { name: 'fixtures.list', url: trpcUrl(api, 'fixtures.list', { sport: 'soccer', limit: 50 }) },
    { name: 'soccer.fairPrices', url: trpcUrl(api, 'soccer.fairPrices', { fixtureId: soccerId }) },
    { name: 'nfl.props.byFixture', url: trpcUrl(api, 'nfl.props.byFixture', { fixtureId: nflId }) },
    { name: 'soccer.valueBets', url: trpcUrl(api, 'soccer.valueBets', {}) },
    { name: 'nfl.props.valueBets', url: trpcUrl(api, 'nfl.props.valueBets', {}) },
    { name: 'nfl.gameLines.valueBets', url: trpcUrl(api, 'nfl.gameLines.valueBets', {}) },
  ];
}
