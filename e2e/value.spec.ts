import { expect, test, type Page } from '@playwright/test';

const ROWS = '[data-value-row]';
const evsOf = async (page: Page) => (await page.getByTestId('value-ev').allInnerTexts()).map((t) => Number.parseFloat(t));
/** How far the page is wider than its viewport (0 when nothing overflows). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test('the value finder lists soccer and NFL prices in one table, best first, with Kelly stakes, and links to the game', async ({ page }) => {
  // Opened directly with its filters in the URL (the server renders, the browser fetches once mounted).
  await page.goto('/value?edge=0&days=14');
  await expect(page.locator('select[name="edge"]')).toHaveValue('0');
  await expect(page.locator('select[name="days"]')).toHaveValue('14');
  await expect(page.locator(ROWS).first()).toBeVisible({ timeout: 30_000 });
  // Every kind: soccer markets, NFL props and NFL game lines, in one table.
  for (const kind of ['soccer', 'prop', 'line']) await expect(page.locator(`[data-value-row="${kind}"]`).first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('value-summary')).toContainText('simulated demo models');
  const evs = await evsOf(page);
  expect(evs.length).toBeGreaterThan(0);
  expect(evs.every((v) => v >= 0)).toBe(true);
  expect([...evs].sort((a, b) => b - a)).toEqual(evs);
  // Soccer's other markets are there (the seed's second and third books quote them).
  const soccerMarkets = await page.locator('[data-value-row="soccer"] [data-testid="value-market"]').allInnerTexts();
  expect(soccerMarkets.some((m) => m !== '1X2')).toBe(true);
  // Kelly on the stated default bankroll for a visitor; a positive EV has a stake.
  await expect(page.getByTestId('value-bankroll')).toContainText('1,000 units');
  const kelly = (await page.getByTestId('value-kelly').allInnerTexts()).map((t) => Number.parseFloat(t.replace(/,/g, '')));
  expect(kelly.every((k) => k >= 0 && k <= 50)).toBe(true); // quarter Kelly, capped at 5 % of 1,000
  expect(kelly.some((k) => k > 0)).toBe(true);

  // A higher edge is a subset: every EV at least that edge.
  await page.locator('select[name="edge"]').selectOption('5');
  await expect(page).toHaveURL(/edge=5/);
  await expect.poll(async () => (await evsOf(page)).every((v) => v >= 5), { timeout: 20_000 }).toBe(true);
  expect((await evsOf(page)).length).toBeLessThanOrEqual(evs.length);

  await page.locator('select[name="edge"]').selectOption('0');
  const game = page.locator(ROWS).first().getByTestId('value-game');
  const label = await game.innerText();
  expect(label).toMatch(/^.+ v .+$/); // one naming of a game everywhere: home v away
  await game.click();
  await expect(page.getByTestId('fixture-detail')).toContainText(label.split(' v ')[0]!);
});

test('the value finder filters by sport, market and book and sorts by a column; the view survives a reload', async ({ page }) => {
  await page.goto('/value?edge=0&days=14');
  await expect(page.locator('[data-value-row="soccer"]').first()).toBeVisible({ timeout: 30_000 });

  await page.locator('select[name="sport"]').selectOption('soccer');
  await expect(page).toHaveURL(/sport=soccer/);
  await expect.poll(async () => new Set(await page.locator(ROWS).evaluateAll((rs) => rs.map((r) => r.getAttribute('data-sport'))))).toEqual(new Set(['soccer']));

  await page.locator('select[name="market"]').selectOption('soccer:totals');
  await expect(page).toHaveURL(/market=soccer%3Atotals/);
  await expect.poll(async () => [...new Set(await page.getByTestId('value-market').allInnerTexts())]).toEqual(['Total goals']);

  await page.locator('select[name="book"]').selectOption('sim_book_c');
  await expect.poll(async () => [...new Set(await page.getByTestId('value-book').allInnerTexts())]).toEqual(['sim_book_c']);

  // Sort by price, lowest first on the second click.
  await page.locator('button[data-sort="price"]').click();
  await page.locator('button[data-sort="price"]').click();
  await expect(page).toHaveURL(/sort=price&dir=asc/);
  const prices = async () => (await page.locator(`${ROWS} [data-label="Price"]`).allInnerTexts()).map((t) => Number.parseFloat(t));
  await expect.poll(async () => { const p = await prices(); return p.length > 0 && p.every((x, i) => i === 0 || x >= p[i - 1]!); }).toBe(true);

  // A reload keeps all of it, and the selects show it.
  const url = page.url();
  await page.reload();
  expect(page.url()).toBe(url);
  await expect(page.locator('select[name="sport"]')).toHaveValue('soccer');
  await expect(page.locator('select[name="market"]')).toHaveValue('soccer:totals', { timeout: 30_000 });
  await expect(page.locator('select[name="book"]')).toHaveValue('sim_book_c');
  await expect(page.locator(ROWS).first()).toBeVisible({ timeout: 30_000 });
  expect([...new Set(await page.getByTestId('value-book').allInnerTexts())]).toEqual(['sim_book_c']);
});

test('at 390 px the value finder is cards, never wider than the screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/value?edge=0&days=14');
  await expect(page.locator(ROWS).first()).toBeVisible({ timeout: 30_000 });
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  // The first screen as a phone shows it (the full-page shots of pages.spec are too tall to read).
  await page.screenshot({ path: `${process.env.FAIRLINE_SHOTS_DIR ?? 'test-results/shots'}/value-390-first-screen.png` });
  // Each cell names its column on a phone (the header row is hidden).
  await expect(page.locator(ROWS).first().locator('[data-label="EV"]')).toBeVisible();
  await expect(page.locator('thead').first()).toBeHidden();
});
