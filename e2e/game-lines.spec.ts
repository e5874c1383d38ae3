import { expect, test } from '@playwright/test';
import { expectSharesOfOne, openFirstUpcoming, publishAndAwaitRefetch } from './support.ts';

test('an upcoming NFL game shows the game-lines panel: consensus line, every book priced, and any line on demand', async ({ page, request }) => {
  const fixtureId = await openFirstUpcoming(page, 'nfl');
  const panel = page.getByTestId('game-lines');
  await expect(panel).toBeVisible({ timeout: 20_000 });
  // Simulated seed: two books quote spread, total and moneyline; the second also alternates.
  await expect(page.getByTestId('consensus-spread')).toHaveText(/ (PK|[+-]\d+(\.5)?)$/, { timeout: 20_000 });
  await expect(page.getByTestId('consensus-total')).toHaveText(/^\d+(\.5)?$/);
  await expect(panel).toContainText('median of 2 books’ main lines');
  await expect(page.getByTestId('game-lines-simulated')).toBeVisible();
  expectSharesOfOne(await page.getByTestId('fair-moneyline').innerText());
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
  expectSharesOfOne(await price.innerText(), 3);

  // A pushed spread price change refetches the panel (debounced); the priced line stays.
  await expect(panel).toHaveAttribute('data-live', 'live', { timeout: 20_000 });
  await publishAndAwaitRefetch(page, request, fixtureId, 'nfl.gameLines.byFixture', { kind: 'odds', market: 'spread', selection: 'home', line: -3, bookmaker: 'sim_book', price: 1.95 });
  await expect(price).toContainText('push');

  await pricer.locator('select[name="market"]').selectOption('total');
  await pricer.locator('input').fill('44.25');
  await pricer.getByRole('button', { name: 'Price' }).click();
  await expect(page.getByTestId('game-line-price-error')).toContainText('whole or half', { timeout: 20_000 });
});
