import { expect, test, type Page } from '@playwright/test';

const ROW = '[data-testid="board-row"]';
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Each row's book prices (over, under per book) and its shown best over and under. */
async function rowsOf(page: Page) {
  return page.locator(ROW).evaluateAll((rows) => rows.map((r) => {
    const num = (t: string | null | undefined) => Number.parseFloat(t ?? '');
    const books = Array.from(r.querySelectorAll('[data-testid="board-book"]'), (c) => (c.textContent ?? '').split('/').map((x) => num(x.trim())));
    return {
      market: r.getAttribute('data-market'),
      edge: num(r.getAttribute('data-edge')),
      books,
      bestOver: num(r.querySelector('[data-testid="board-best-over"]')?.textContent),
      bestUnder: num(r.querySelector('[data-testid="board-best-under"]')?.textContent),
    };
  }));
}

test('the props board shows every book’s prices per player and market, the best of each side, sortable and filterable', async ({ page }) => {
  await page.goto('/props?days=14');
  await expect(page.locator(ROW).first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('props-board-summary')).toContainText('2 books');
  await expect(page.getByTestId('props-board-summary')).toContainText('simulated demo models');
  const all = await rowsOf(page);
  expect(all.length).toBeGreaterThan(0);
  for (const r of all) {
    expect(r.books).toHaveLength(2); // sim_book and sim_book_b, same line
    expect(r.bestOver).toBe(Math.max(...r.books.map((b) => b[0]!)));
    expect(r.bestUnder).toBe(Math.max(...r.books.map((b) => b[1]!)));
  }
  // The best price of a side is marked in its book's cell.
  await expect(page.locator(ROW).first().getByTestId('best-over')).toHaveCount(1);
  await expect(page.locator(ROW).first().getByTestId('board-player')).toHaveAttribute('href', /^\/players\/\d+$/);

  // Sort by edge: best first.
  await page.locator('button[data-sort="edge"]').click();
  await expect(page).toHaveURL(/sort=edge/);
  await expect.poll(async () => { const e = (await rowsOf(page)).map((r) => r.edge); return e.every((x, i) => i === 0 || x <= e[i - 1]!); }).toBe(true);

  // Filter: receptions only, one book (its prices are the best), a minimum edge — and it all survives a reload.
  await page.locator('select[name="market"]').selectOption('receptions');
  await expect(page).toHaveURL(/market=receptions/);
  await expect.poll(async () => [...new Set((await rowsOf(page)).map((r) => r.market))]).toEqual(['receptions']);
  await page.locator('select[name="book"]').selectOption('sim_book_b');
  await expect.poll(async () => (await rowsOf(page)).every((r) => r.books.length === 1 && r.bestOver === r.books[0]![0])).toBe(true);
  await page.locator('select[name="edge"]').selectOption('2');
  await expect.poll(async () => (await rowsOf(page)).every((r) => r.edge >= 0.02)).toBe(true);
  const url = page.url();
  await page.reload();
  expect(page.url()).toBe(url);
  await expect(page.locator('select[name="market"]')).toHaveValue('receptions', { timeout: 30_000 });
  await expect(page.locator('select[name="book"]')).toHaveValue('sim_book_b');
  await expect(page.locator('select[name="edge"]')).toHaveValue('2');
  const kept = await rowsOf(page);
  expect(kept.every((r) => r.market === 'receptions' && r.books.length === 1 && r.edge >= 0.02)).toBe(true);
});

test('at 390 px the props board is cards, never wider than the screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/props?days=14');
  await expect(page.locator(ROW).first()).toBeVisible({ timeout: 30_000 });
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  // The first screen as a phone shows it (the full-page shots of pages.spec are too tall to read).
  await page.screenshot({ path: `${process.env.FAIRLINE_SHOTS_DIR ?? 'test-results/shots'}/props-390-first-screen.png` });
  await expect(page.locator(ROW).first().locator('[data-label="Best over"]')).toBeVisible();
});
