import { BestValue } from '../components/dashboard/best-value.tsx';
import { ModelHealth } from '../components/dashboard/model-health.tsx';
import { PortfolioSummary } from '../components/dashboard/portfolio-summary.tsx';
import { TodaySlate } from '../components/dashboard/slate.tsx';

/**
 * The dashboard: today's slate (soccer and NFL, live), the best value bets of the week, the reader's portfolios when
 * signed in, and model health. Each panel loads on its own (a skeleton until then), so one slow read never blanks
 * the page; every panel links to the page with the whole story.
 */
export default function Dashboard() {
  return (
    <section class="space-y-6" data-testid="dashboard">
      <div>
        <h1 class="text-2xl font-semibold">Today</h1>
        <p class="mt-1 text-sm text-slate-600">Fair prices and calibrated probabilities for soccer match markets and NFL props, compared with the market.</p>
      </div>
      <div class="grid gap-4 lg:grid-cols-3">
        {/* Phone order: the slate, value, portfolios, then model health; from lg the health card sits under the slate. */}
        <div class="contents lg:col-span-2 lg:block lg:min-w-0 lg:space-y-4">
          <TodaySlate />
          <div class="order-last lg:order-none"><ModelHealth /></div>
        </div>
        <div class="min-w-0 space-y-4">
          <BestValue />
          <PortfolioSummary />
        </div>
      </div>
    </section>
  );
}
