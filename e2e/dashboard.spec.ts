/**
 * The dashboard (today's slate, best value, portfolios, model health), the app shell's phone menu and its error
 * boundary, in Chromium against the production build.
 */
import { expect, test } from '@playwright/test';
import { navLink } from './support.ts';

test.use({ timezoneId: 'UTC' }); // the seed's games are on UTC days; "today" is the browser's

test('the dashboard shows today’s slate, the best value bets, model health, and portfolios once signed in', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Today');

  // Today's slate: the seed plays a soccer round and an NFL week today; every game links to its page.
  const slate = page.getByTestId('dashboard-slate');
  await expect(slate.getByTestId('slate-row').first()).toBeVisible({ timeout: 20_000 });
  await expect(slate.getByRole('heading', { name: 'Soccer' })).toBeVisible();
  await expect(slate.getByRole('heading', { name: 'NFL' })).toBeVisible();
  for (const href of await slate.getByTestId('slate-row').locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) expect(href).toMatch(/^\/fixtures\/\d+$/);

  // Best value: at least +2 %, best first, each linked to its game.
  const evs = page.getByTestId('dashboard-value-ev');
  await expect(evs.first()).toBeVisible({ timeout: 20_000 });
  const values = (await evs.allInnerTexts()).map((t) => Number.parseFloat(t));
  expect(values.length).toBeGreaterThan(0);
  expect(values.length).toBeLessThanOrEqual(5);
  expect(values.every((v) => v >= 2)).toBe(true);
  expect([...values].sort((a, b) => b - a)).toEqual(values);
  // At most two picks of one game.
  const games = await page.getByTestId('dashboard-value-row').locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const g of new Set(games)) expect(games.filter((x) => x === g).length, g!).toBeLessThanOrEqual(2);

  // Model health: the API is up; every model scope says which version serves (or that none does).
  // (degraded when the optional Redis tier is slow to answer on a busy machine: still an answer, never "checking".)
  const apiHealth = page.getByTestId('dashboard-api-health');
  await expect(apiHealth).toHaveAttribute('data-status', /^(ok|degraded)$/, { timeout: 20_000 });
  await expect(apiHealth).toHaveText(`API ${await apiHealth.getAttribute('data-status')}`);
  const models = page.getByTestId('dashboard-model');
  await expect(models.first()).toBeVisible();
  for (const text of await models.allInnerTexts()) expect(text).toMatch(/v\d+|no active model/);
  await expect(models.filter({ hasText: 'NFL player props' }).first()).toContainText(/v\d+/);

  // Signed out: what portfolios are for, and how to start.
  await expect(page.getByTestId('portfolios-signed-out')).toContainText('Track your bets');
  await expect(page.getByTestId('skeleton')).toHaveCount(0);

  // Signed in (a fresh account): no portfolio yet, then the one created shows with its bankroll.
  const email = `dash-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  await page.goto('/signup?next=%2Fportfolios');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('green heron desk 42 dash');
  await page.getByLabel('Repeat the password').fill('green heron desk 42 dash');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/portfolios$/);
  await page.goto('/');
  await expect(page.getByTestId('portfolios-none')).toBeVisible({ timeout: 20_000 });
  await page.goto('/portfolios');
  await page.getByLabel('Name').fill('Dashboard test');
  await page.getByLabel('Starting bankroll').fill('250');
  await page.getByRole('button', { name: 'Create portfolio' }).click();
  await expect(page).toHaveURL(/\/portfolios\/[0-9a-f-]+$/);
  await page.goto('/');
  const portfolio = page.getByTestId('dashboard-portfolio');
  await expect(portfolio).toHaveCount(1, { timeout: 20_000 });
  await expect(portfolio).toContainText('Dashboard test');
  await expect(portfolio).toContainText('250.00 EUR');
  await expect(portfolio).toContainText('0 pending');
});

test('at 390 px the nav is a labelled menu button: no sideways scroll, every section reachable by keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  const nav = page.getByRole('navigation', { name: 'Main' });
  // The bar fits: nothing in it scrolls sideways or is cut off (API status used to be).
  expect(await nav.evaluate((n) => n.scrollWidth - n.clientWidth)).toBeLessThanOrEqual(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  const menu = nav.getByRole('button', { name: 'Menu' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(nav.getByRole('link', { name: 'API status', exact: true })).toBeHidden();

  // Keyboard: focus the button, open with Enter, every section is shown inside the viewport; Escape closes and
  // gives the focus back to the button.
  await menu.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  for (const name of ['Fixtures', 'Value', 'Portfolios', 'Track record', 'API status']) {
    const link = nav.getByRole('link', { name, exact: true });
    await expect(link).toBeVisible();
    const box = (await link.boundingBox())!;
    expect(box.x + box.width, name).toBeLessThanOrEqual(390);
  }
  await page.keyboard.press('Escape');
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(menu).toBeFocused();

  // Following a link closes the menu.
  await (await navLink(page, 'API status')).click();
  await expect(page.getByTestId('api-status')).toBeVisible({ timeout: 20_000 });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
});

test('at 1440 px the sections are inline and the menu button is gone', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('button', { name: 'Menu' })).toBeHidden();
  await expect(nav.getByRole('link', { name: 'API status', exact: true })).toBeVisible();
});

test('a page that fails while rendering shows a human message and recovers with Try again (the app-wide error boundary)', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  // The API unreachable for the status page's read.
  await page.route('**/trpc/system.health**', (route) => route.abort('connectionrefused'));
  await (await navLink(page, 'API status')).click();
  const error = page.getByTestId('app-error');
  await expect(error).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('app-error-message')).toHaveText('Could not reach the server. Check your connection and try again.');
  await expect(error).not.toContainText(/TypeError|stack|at \w+ \(/);
  // The nav stays: the reader can go on.
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.unroute('**/trpc/system.health**');
  await error.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('api-status')).toHaveAttribute('data-status', 'ok', { timeout: 20_000 });
});
