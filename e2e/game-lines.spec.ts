import { expect, test } from '@playwright/test';

const API = process.env.FAIRLINE_API_URL ?? 'http://127.0.0.1:8887';

test('an upcoming NFL game shows the game-lines panel: consensus line, every book priced, and any line on demand', async ({ page, request }) => {
  await page.goto('/fixtures?sport=nfl&status=scheduled');
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  await page.getByTestId('fixture-row').first().locator('a').click();
  const panel = page.getByTestId('game-lines');
  await expect(panel).toBeVisible({ timeout: 20_000 });
  // Simulated seed: two books quote spread, total and moneyline; the second also alternates.
  await expect(page.getByTestId('consensus-spread')).toHaveText(/ (PK|[+-]\d+(\.5)?)$/, { timeout: 20_000 });
  await expect(page.getByTestId('consensus-total')).toHaveText(/^\d+(\.5)?$/);
  await expect(panel).toContainText('median of 2 books’ main lines');
  await expect(page.getByTestId('game-lines-simulated')).toBeVisible();
  const moneyline = await page.getByTestId('fair-moneyline').innerText();
  const mlShares = moneyline.match(/(\d+\.\d)%/g)!.map((s) => Number.parseFloat(s));
  expect(mlShares.reduce((a, b) => a + b, 0)).toBeGreaterThan(99.8);
  expect(mlShares.reduce((a, b) => a + b, 0)).toBeLessThan(100.2);
  const quotes = page.getByTestId('game-line-quote');
  expect(await quotes.count()).toBeGreaterThanOrEqual(9); // 1 + 3 spreads, 1 + 2 totals, 2 moneylines
  await expect(quotes.filter({ hasText: 'sim_book_b' }).filter({ hasText: 'alt' }).first()).toBeVisible();
  await expect(quotes.first()).toContainText('model');

  // Price an alternative spread on the key number 3: a push is possible.
  const pricer = page.getByTestId('game-line-pricer');
  await pricer.locator('select[name="market"]').selectOption('spread');
  // An empty field is no line: an error, not a pick'em priced.
  await pricer.getByRole('button', { name: 'Price' }).click();
  await expect(page.getByTestId('game-line-price-error')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('game-line-price')).toHaveCount(0);
  await pricer.locator('input').fill('-3');
  await pricer.getByRole('button', { name: 'Price' }).click();
  const price = page.getByTestId('game-line-price');
  await expect(price).toContainText('push', { timeout: 20_000 });
  const shares = (await price.innerText()).match(/(\d+\.\d)%/g)!.map((s) => Number.parseFloat(s));
  expect(shares).toHaveLength(3);
  expect(shares.reduce((a, b) => a + b, 0)).toBeGreaterThan(99.8);
  expect(shares.reduce((a, b) => a + b, 0)).toBeLessThan(100.2);

  // A pushed spread price change refetches the panel (debounced); the priced line stays.
  const fixtureId = Number(new URL(page.url()).pathname.split('/').pop());
  await expect(panel).toHaveAttribute('data-live', 'live', { timeout: 20_000 });
  const refetched = page.waitForResponse((r) => r.url().includes('markets.nflGameLines'));
  const res = await request.post(`${API}/rooms/fixture:${fixtureId}/publish`, {
    headers: { authorization: 'Bearer fairline-local-admin' },
    data: { kind: 'odds', fixtureId, market: 'spread', selection: 'home', line: -3, bookmaker: 'sim_book', price: 1.95 },
  });
  expect(res.status()).toBe(200);
  expect((await refetched).status()).toBe(200);
  await expect(price).toContainText('push');

  await pricer.locator('select[name="market"]').selectOption('total');
  await pricer.locator('input').fill('44.25');
  await pricer.getByRole('button', { name: 'Price' }).click();
  await expect(page.getByTestId('game-line-price-error')).toContainText('whole or half', { timeout: 20_000 });
});
