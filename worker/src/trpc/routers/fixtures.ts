import { getFixture, getFixtureInput } from '../../services/fixtures/get-fixture.ts';
import { listCompetitions } from '../../services/fixtures/list-competitions.ts';
import { listFixtures, listFixturesInput } from '../../services/fixtures/list-fixtures.ts';
import { WEIGHT } from '../../lib/rate-limit/plans.ts';
import { cachedQuery } from '../cached-query.ts';
import { publicProcedure, router } from '../init.ts';

/** Fixtures: `list` (filtered, in kick-off order), `byId` (one fixture), `competitions` (the list's filter choices) — services/fixtures. */
export const fixturesRouter = router({
  list: publicProcedure
    .meta({ scope: 'read:markets', weight: WEIGHT.read, openapi: { method: 'GET', path: '/fixtures', tags: ['fixtures'], summary: 'Fixtures, filtered, in kick-off order' } })
    .input(listFixturesInput).query(cachedQuery('all', ({ ctx, input }) => listFixtures({ ctx, input }))),
  byId: publicProcedure
    .meta({ scope: 'read:markets', weight: WEIGHT.read, openapi: { method: 'GET', path: '/fixtures/{id}', tags: ['fixtures'], summary: 'One fixture' } })
    .input(getFixtureInput).query(cachedQuery('all', ({ ctx, input }) => getFixture({ ctx, input }))),
  competitions: publicProcedure
    .meta({ scope: 'read:markets', weight: WEIGHT.read, openapi: { method: 'GET', path: '/competitions', tags: ['fixtures'], summary: 'Competitions that have fixtures (the fixture filter’s choices)' } })
    .query(cachedQuery('all', ({ ctx }) => listCompetitions({ ctx }))),
});
