import { WEIGHT } from '../../lib/rate-limit/plans.ts';
import { trackRecordSummary } from '../../services/track-record/index.ts';
import { cachedQuery } from '../cached-query.ts';
import { publicProcedure, router } from '../init.ts';

/** The platform's public track record (services/track-record): its own value picks, graded against the close. */
export const trackRecordRouter = router({
  /** ROI, CLV, picks and settled picks, full statistics, the picks, and the audit chain's head hash and length. */
  summary: publicProcedure
    .meta({ weight: WEIGHT.read, openapi: { method: 'GET', path: '/track-record', tags: ['track-record'], summary: 'The platform’s own value picks: ROI, CLV, the picks and the audit chain head' } })
    .query(cachedQuery('all', ({ ctx }) => trackRecordSummary({ ctx }))),
});
