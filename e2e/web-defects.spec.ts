import { expect, test } from '@playwright/test';
import { API, openFirstUpcoming } from './support.ts';

test('unknown paths answer the 404 page with status 404', async ({ page }) => {
  for (const path of ['/nope', '/fixtures/103/extra', '/fixtures/abc', '/fixtures/99999999999999999999']) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByTestId('not-found'), path).toContainText('not found');
    await expect(page.getByRole('link', { name: 'Fixtures' }).first()).toBeVisible();
  }
});

test('the fixtures filters survive a direct load and a reload and share as URLs', async ({ page }) => {
  await page.goto('/fixtures?sport=nfl&status=final');
  const sport = page.locator('select[name="sport"]');
  const status = page.locator('select[name="status"]');
  await expect(sport).toHaveValue('nfl');
  await expect(status).toHaveValue('final');
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  await expect(sport).toHaveValue('nfl');
  await expect(status).toHaveValue('final');
  await expect(page.getByTestId('fixture-row').first()).toContainText('Simulated Football League');
  await expect(page.getByTestId('fixture-row').first()).toContainText(/final/i);
  await page.reload();
  await expect(sport).toHaveValue('nfl');
  await expect(status).toHaveValue('final');
  await expect(sport.locator('option:checked')).toHaveText('NFL');
  await expect(status.locator('option:checked')).toHaveText('Finished');
});

test('a pricer says plainly what is wrong with an empty or decimal-comma line (never the validator’s words)', async ({ page }) => {
  await openFirstUpcoming(page, 'nfl');
  const row = page.getByTestId('prop-row').first();
  await expect(row).toBeVisible({ timeout: 20_000 });
  const pricer = row.getByTestId('line-pricer');
  await pricer.locator('input').fill(''); // it starts at the book's line
  await pricer.getByRole('button', { name: 'Price' }).click();
  await expect(row.getByTestId('line-price-error')).toHaveText('Type a line first, for example 5.5.');
  await pricer.locator('input').fill('1,5');
  await pricer.getByRole('button', { name: 'Price' }).click();
  await expect(row.getByTestId('line-price-error')).toHaveText('Write the line with a decimal point: 1.5.');

  const lines = page.getByTestId('game-line-pricer');
  await expect(lines).toBeVisible({ timeout: 20_000 });
  await lines.getByRole('button', { name: 'Price' }).click();
  await expect(page.getByTestId('game-line-price-error')).toHaveText('Type a line first, for example 5.5.');
  await expect(page.locator('body')).not.toContainText(/expected number|received NaN|invalid input/i);
});

test('a finished soccer match with too little history before it shows a missing-data state, not an outage', async ({ page }) => {
  await page.goto('/fixtures?sport=soccer&status=final');
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  await page.getByTestId('fixture-row').first().locator('a').click(); // the season's first match: nothing before it
  const state = page.getByTestId('fair-prices-unavailable');
  await expect(state).toContainText('No model prices for this match', { timeout: 20_000 });
  await expect(state).toContainText(/Not enough results before this fixture to price it \(\d+ of the \d+ needed\)\./);
  await expect(page.getByTestId('fair-prices-error')).toHaveCount(0);
});

test('the fixture header and the fixtures list follow a live fixture event', async ({ page, request }) => {
  const publish = async (event: object) => {
    const res = await request.post(`${API}/rooms/fixtures/publish`, { headers: { authorization: 'Bearer fairline-local-admin' }, data: event });
    expect(res.status()).toBe(200);
  };
  await page.goto('/fixtures?sport=soccer&status=scheduled');
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  const row = page.getByTestId('fixture-row').first();
  const id = Number((await row.locator('a').getAttribute('href'))!.split('/').pop());
  await publish({ kind: 'fixture', fixtureId: id, status: 'live', homeScore: 1, awayScore: 0 });
  await expect(row.getByTestId('fixture-row-score')).toHaveText('1–0');
  await expect(row.getByTestId('fixture-row-status')).toHaveText(/live/i);

  await row.locator('a').click();
  await expect(page.getByTestId('fixture-detail')).toBeVisible({ timeout: 20_000 });
  await page.waitForTimeout(1500); // the page's own socket to the fixtures room
  await publish({ kind: 'fixture', fixtureId: id, status: 'live', homeScore: 2, awayScore: 1 });
  await expect(page.getByTestId('fixture-score')).toHaveText('2–1');
  await expect(page.getByTestId('fixture-status')).toHaveText(/live/i);
});

/** True when the canvas has at least one pixel that is not transparent or white. */
export async function canvasDrawn(page: import('@playwright/test').Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).first().evaluate((c) => {
    const canvas = c as HTMLCanvasElement;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 0 && (data[i]! < 240 || data[i + 1]! < 240 || data[i + 2]! < 240)) return true;
    return false;
  });
}

test('an NFL fixture links its players to their page: game log, the law drawn with the line, P(over) by line, hit rates', async ({ page }) => {
  await openFirstUpcoming(page, 'nfl');
  const link = page.getByTestId('player-link').filter({ hasText: 'Receiver' }).first();
  await expect(link).toBeVisible({ timeout: 20_000 });
  const name = await link.innerText();
  await link.click();
  await expect(page).toHaveURL(/\/players\/\d+$/);
  await expect(page.getByTestId('player-detail')).toContainText(name, { timeout: 20_000 });
  await expect(page.getByTestId('game-log-row').first()).toBeVisible();
  expect(await page.getByTestId('game-log-row').count()).toBeGreaterThanOrEqual(10);
  await expect(page.getByTestId('player-market')).toHaveCount(2);
  await expect(page.getByTestId('hit-rates').first()).toContainText(/Last 5 over [\d.]+/);
  await expect(page.getByTestId('hit-rates').first()).toContainText(/\d+\/5 \(/);
  expect(await canvasDrawn(page, 'distribution-chart')).toBe(true);
  expect(await canvasDrawn(page, 'over-curve-chart')).toBe(true);
  // Loaded directly, and an unknown player is the 404 page.
  await page.reload();
  await expect(page.getByTestId('player-detail')).toContainText(name, { timeout: 20_000 });
  expect((await page.goto('/players/abc'))?.status()).toBe(404);
  await page.goto('/players/999999');
  await expect(page.getByTestId('not-found')).toContainText('Player not found', { timeout: 20_000 });
});

test('an upcoming soccer match draws its odds movement per selection and the correct-score heatmap', async ({ page }) => {
  await openFirstUpcoming(page, 'soccer');
  await expect(page.getByTestId('score-heatmap')).toBeVisible({ timeout: 20_000 });
  const cells = page.getByTestId('score-heatmap').locator('td');
  await expect(cells).toHaveCount(36);
  const shares = (await cells.allInnerTexts()).map(Number);
  expect(shares.reduce((a, b) => a + b, 0)).toBeGreaterThan(80); // 0–5 goals each: most of the grid's mass
  await expect(page.getByTestId('odds-movement-chart')).toHaveCount(3, { timeout: 20_000 });
  for (let i = 0; i < 3; i++) {
    const drawn = await page.getByTestId('odds-movement-chart').nth(i).locator('canvas').first().evaluate(async (c) => {
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const canvas = c as HTMLCanvasElement;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let j = 0; j < data.length; j += 4) if (data[j + 3]! > 0 && (data[j]! < 200 || data[j + 1]! < 200 || data[j + 2]! < 200)) return true;
      return false;
    });
    expect(drawn).toBe(true);
  }
});
