/**
 * The list of every page the browser tests visit (pages.spec.ts: direct loads and screenshots; a11y.spec.ts: the axe
 * run): name, path and what shows it is rendered (a test id or a heading). Add a new page here once and both check it.
 */
import type { Page } from '@playwright/test';

/** Pages by name: path and what shows it is rendered (a test id or a heading). */
export const PAGES: Array<{ name: string; path: string; ready: string; status?: number; charts?: string[] }> = [
  { name: 'home', path: '/', ready: 'h1' },
  { name: 'fixtures', path: '/fixtures', ready: '[data-testid="fixture-row"]' },
  { name: 'fixtures-nfl-final', path: '/fixtures?sport=nfl&status=final', ready: '[data-testid="fixture-row"]' },
  // The list's states: one day (games, or the empty state on a day without), a search that finds nothing, page 2.
  { name: 'fixtures-today', path: `/fixtures?date=${new Date().toISOString().slice(0, 10)}`, ready: '[data-testid="fixture-row"], [data-testid="fixtures-empty"]' },
  { name: 'fixtures-empty', path: '/fixtures?team=no-such-team', ready: '[data-testid="fixtures-empty"]' },
  { name: 'fixtures-page-2', path: '/fixtures?status=final&competition=SIM-NFL&page=2', ready: '[data-testid="fixture-row"]' },
  { name: 'value', path: '/value', ready: '[data-testid="value-summary"]' },
  { name: 'value-soccer-totals', path: '/value?sport=soccer&market=soccer:totals&edge=0&days=14', ready: '[data-value-row]' },
  { name: 'props', path: '/props', ready: '[data-testid="props-board-summary"]' },
  { name: 'status', path: '/status', ready: '[data-testid="api-status"]' },
  { name: 'track-record', path: '/track-record', ready: 'h1' },
  { name: 'models', path: '/models', ready: '[data-testid="model-kind"]', charts: ['reliability-chart', 'backtest-chart'] },
  { name: 'signin', path: '/signin', ready: 'h1' },
  { name: 'signup', path: '/signup', ready: 'h1' },
  { name: 'account-redirect', path: '/account', ready: 'h1' },
  { name: 'not-found', path: '/nope', ready: '[data-testid="not-found"]', status: 404 },
];

/** Ids found once from the list pages: an upcoming soccer match, an upcoming NFL game and one of its players. */
export async function discover(page: Page): Promise<void> {
  if (PAGES.some((p) => p.name === 'soccer-fixture')) return;
  await page.goto('/fixtures?sport=soccer&status=scheduled');
  const soccer = await page.getByTestId('fixture-row').first().locator('a').getAttribute('href', { timeout: 20_000 });
  await page.goto('/fixtures?sport=nfl&status=scheduled');
  const nfl = await page.getByTestId('fixture-row').first().locator('a').getAttribute('href', { timeout: 20_000 });
  await page.goto(nfl!);
  const player = await page.getByTestId('player-link').first().getAttribute('href', { timeout: 20_000 });
  PAGES.push(
    { name: 'soccer-fixture', path: soccer!, ready: '[data-testid="score-heatmap"]', charts: ['odds-movement-chart'] },
    { name: 'nfl-fixture', path: nfl!, ready: '[data-testid="player-props"]' },
    { name: 'player', path: player!, ready: '[data-testid="player-market"]', charts: ['distribution-chart', 'over-curve-chart'] },
  );
}
