import { expect, test } from '@playwright/test';

test('the value finder lists upcoming +EV prop and game-line prices, best first, filters by edge and links to the game', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Value' }).click();
  await expect(page).toHaveURL(/\/value$/);
  await page.locator('select[name="days"]').selectOption('14');
  await page.locator('select[name="edge"]').selectOption('0');
  const rows = page.getByTestId('value-row');
  await expect(rows.first()).toBeVisible({ timeout: 20_000 });
  // The simulated book sets its line off the model's projection at 1.91 on both sides, so one side is +EV.
  await expect(page.getByTestId('value-summary')).toContainText('simulated demo models');
  const evs = (await page.getByTestId('value-ev').allInnerTexts()).map((t) => Number.parseFloat(t));
  expect(evs.length).toBeGreaterThan(0);
  expect(evs.every((v) => v >= 0)).toBe(true);
  expect([...evs].sort((a, b) => b - a)).toEqual(evs);

  // Game lines: spreads, totals and moneylines priced at each book's own line around the consensus.
  const lineRows = page.getByTestId('game-line-value-row');
  await expect(lineRows.first()).toBeVisible({ timeout: 20_000 });
  const lineEvs = (await page.getByTestId('game-line-value-ev').allInnerTexts()).map((t) => Number.parseFloat(t));
  expect(lineEvs.every((v) => v >= 0)).toBe(true);
  expect([...lineEvs].sort((a, b) => b - a)).toEqual(lineEvs);
  await expect(page.getByTestId('game-line-value')).toContainText(/Spread|Total|Moneyline/);

  // A higher edge shows a subset: every EV at least that edge.
  await page.locator('select[name="edge"]').selectOption('5');
  await expect.poll(async () => (await page.getByTestId('value-ev').allInnerTexts()).length, { timeout: 20_000 }).toBeLessThanOrEqual(evs.length);
  const strict = (await page.getByTestId('value-ev').allInnerTexts()).map((t) => Number.parseFloat(t));
  expect(strict.every((v) => v >= 5)).toBe(true);

  await page.locator('select[name="edge"]').selectOption('0');
  await expect(rows.first()).toBeVisible({ timeout: 20_000 });
  const game = rows.first().locator('a');
  const label = await game.innerText();
  await game.click();
  expect(label).toMatch(/^.+ v .+$/); // one naming of a game everywhere: home v away
  await expect(page.getByTestId('fixture-detail')).toContainText(label.split(' v ')[0]!);
  await expect(page.getByTestId('player-props')).toBeVisible({ timeout: 20_000 });
});
