import { expect, test } from '@playwright/test';
import { API, expectSharesOfOne, openFirstUpcoming, publishAndAwaitRefetch } from './support.ts';

test('fixtures page shows seeded rows from Postgres a page at a time, filters by sport, and links to a tRPC-loaded detail page', async ({ page }) => {
  await page.goto('/fixtures');
  const rows = page.getByTestId('fixture-row');
  await expect(rows.first()).toBeVisible();
  // Upcoming first: from today, a page of 50 (the seed has more upcoming games than that) and a link to the next.
  await expect(rows).toHaveCount(50);
  await expect(page.getByTestId('fixtures-scope')).toHaveText('From today, upcoming first');
  await expect(page.getByTestId('fixture-row').getByText('Simulated Premier League').first()).toBeVisible();
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });

  await page.locator('select[name="sport"]').selectOption('nfl');
  await expect(page).toHaveURL(/sport=nfl/);
  await expect(rows.first()).toContainText('Simulated Football League');
  await expect(page.getByTestId('fixture-row').getByText('Simulated Premier League')).toHaveCount(0);

  const firstHome = await rows.first().locator('a').innerText();
  await rows.first().locator('a').click();
  await expect(page.getByTestId('fixture-detail')).toContainText(firstHome);
});

test('live indicator connects to the LiveRoom and receives a published event', async ({ page, request }) => {
  await page.goto('/');
  const indicator = page.getByTestId('live-indicator');
  await expect(indicator).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  // Listen first (and wait until the listener is in place), then publish: otherwise the event can win the race.
  await page.evaluate(() => {
    const w = window as unknown as { liveEvent?: Promise<string> };
    w.liveEvent = new Promise<string>((resolve) =>
      window.addEventListener('fairline:live', (e) => resolve(JSON.stringify((e as CustomEvent).detail)), { once: true }),
    );
  });
  const received = page.evaluate(() => (window as unknown as { liveEvent: Promise<string> }).liveEvent);
  const res = await request.post(`${API}/rooms/fixtures/publish`, {
    headers: { authorization: 'Bearer fairline-local-admin' },
    data: { kind: 'heartbeat', at: 'e2e' },
  });
  expect(res.status()).toBe(200);
  expect(JSON.parse(await received)).toMatchObject({ type: 'event', event: { kind: 'heartbeat', at: 'e2e' } });
});

test('API status page reads system.health through the typed client', async ({ page }) => {
  await page.goto('/status');
  const status = page.getByTestId('api-status');
  await expect(status).toHaveAttribute('data-status', 'ok', { timeout: 20_000 });
  await expect(status).toContainText('postgres: ok');
});

test('an upcoming soccer fixture shows model fair prices beside the book (Dixon–Coles in the API worker)', async ({ page }) => {
  await openFirstUpcoming(page, 'soccer');
  const table = page.getByTestId('fair-1x2');
  await expect(table).toBeVisible({ timeout: 20_000 });
  await expect(table).toContainText('Fair odds');
  await expect(table).toContainText('sim_book');
  const probs = await table.locator('tbody tr').first().locator('td').allInnerTexts();
  const sum = probs.slice(1).reduce((a, t) => a + Number.parseFloat(t), 0);
  expect(sum).toBeGreaterThan(99.5);
  expect(sum).toBeLessThan(100.5);
});

test('the fixture page refetches its prices when the fixture room announces a new prediction', async ({ page, request }) => {
  const fixtureId = await openFirstUpcoming(page, 'soccer');
  const panel = page.getByTestId('fair-prices');
  await expect(panel).toHaveAttribute('data-live', 'live', { timeout: 20_000 });
  await expect(page.getByTestId('fair-1x2')).toBeVisible();
  await publishAndAwaitRefetch(page, request, fixtureId, 'soccer.fairPrices', { kind: 'prediction', market: '1x2', selection: 'home', probability: 0.5 });
  await expect(panel).toHaveAttribute('data-updates', '1');
});

test('an upcoming NFL game shows player projections, the book’s lines priced by the model, and prices any line', async ({ page, request }) => {
  const fixtureId = await openFirstUpcoming(page, 'nfl');
  const panel = page.getByTestId('player-props');
  await expect(panel).toBeVisible({ timeout: 20_000 });
  // Simulated seed: a QB (passing yards) and a WR (receiving yards, receptions) per side.
  await expect(page.getByTestId('prop-row')).toHaveCount(6, { timeout: 20_000 });
  await expect(panel).toContainText('Sim Quarterback');
  await expect(page.getByTestId('props-simulated')).toBeVisible();
  await expect(panel).toContainText('Passing yards');
  const quote = page.getByTestId('prop-quote').first();
  await expect(quote).toContainText('sim_book');
  await expect(quote).toContainText('model');

  const row = page.getByTestId('prop-row').filter({ hasText: 'Receptions' }).first();
  const pricer = row.getByTestId('line-pricer');
  await pricer.locator('input').fill('5');
  await pricer.getByRole('button', { name: 'Price' }).click();
  const price = row.getByTestId('line-price');
  await expect(price).toContainText('push', { timeout: 20_000 }); // a whole line on a count can push
  expectSharesOfOne(await price.innerText(), 3);

  // A pushed prop price change refetches the panel (debounced) and keeps the priced line.
  await expect(panel).toHaveAttribute('data-live', 'live', { timeout: 20_000 });
  await publishAndAwaitRefetch(page, request, fixtureId, 'nfl.props.byFixture', {
    kind: 'odds', market: 'player_prop', selection: 'over', line: 5.5, bookmaker: 'sim_book', price: 2.02, prop: 'receptions',
  });
  await expect(price).toContainText('push');

  await pricer.locator('input').fill('4.3');
  await pricer.getByRole('button', { name: 'Price' }).click();
  await expect(row.getByTestId('line-price-error')).toContainText('whole or half', { timeout: 20_000 });
});

/** The local calendar day `n` days from now, as the date field writes it. */
const dayFromNow = (n: number) => {
  const d = new Date(Date.now() + n * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

test.describe('the fixtures list: date navigation, team search, filters and pages in the URL', () => {
  test.use({ timezoneId: 'UTC' }); // the seed's games are on UTC days; the list's days are the browser's

  test('steps a day at a time, picks a date, and says when a day has no games', async ({ page }) => {
    await page.goto('/fixtures');
    await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
    await page.getByRole('link', { name: 'Today', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`date=${dayFromNow(0)}`));
    // The seed plays a soccer round (15:00) and an NFL week (18:00) on today's weekday: both sports today.
    await expect(page.getByTestId('fixture-row').filter({ hasText: 'Simulated Premier League' }).first()).toBeVisible();
    await expect(page.getByTestId('fixture-row').filter({ hasText: 'Simulated Football League' }).first()).toBeVisible();
    await page.getByTestId('day-next').click();
    await expect(page).toHaveURL(new RegExp(`date=${dayFromNow(1)}`));
    await expect(page.getByTestId('fixtures-empty')).toContainText('No fixtures match');
    await page.getByTestId('day-previous').click();
    await expect(page).toHaveURL(new RegExp(`date=${dayFromNow(0)}`));
    await page.getByTestId('day-previous').click();
    await expect(page).toHaveURL(new RegExp(`date=${dayFromNow(-1)}`));
    await expect(page.getByTestId('fixtures-empty')).toBeVisible();

    // A week ago: last round, every game finished, each kicking off that day.
    await page.locator('input[name="date"]').fill(dayFromNow(-7));
    await expect(page).toHaveURL(new RegExp(`date=${dayFromNow(-7)}`));
    const statuses = page.getByTestId('fixture-row-status');
    await expect(statuses.first()).toHaveText(/final/i);
    expect(new Set((await statuses.allTextContents()).map((t) => t.trim()))).toEqual(new Set(['final']));
    await page.reload();
    await expect(page.locator('input[name="date"]')).toHaveValue(dayFromNow(-7));
    await expect(statuses.first()).toHaveText(/final/i);
  });

  test('finds a team by part of its name, keeps the search in the URL, and a reload keeps it', async ({ page }) => {
    await page.goto('/fixtures?status=final');
    await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
    await page.getByLabel('Team').fill('carrow');
    await expect(page).toHaveURL(/team=carrow/);
    const rows = page.getByTestId('fixture-row');
    await expect(rows.first()).toContainText('Carrow City');
    for (const text of await rows.allInnerTexts()) expect(text).toContain('Carrow City');
    await page.reload();
    await expect(page.getByLabel('Team')).toHaveValue('carrow');
    await expect(rows.first()).toContainText('Carrow City');
    await page.getByLabel('Team').fill('no such team at all');
    await expect(page.getByTestId('fixtures-empty')).toContainText('No game of a team named like “no such team at all”');
    await page.getByRole('link', { name: 'Clear the filters' }).click();
    await expect(page).toHaveURL(/\/fixtures$/);
    await expect(page.getByLabel('Team')).toHaveValue('');
    await expect(rows.first()).toBeVisible();
  });

  test('filters by competition, and pages through finished games with links that share', async ({ page }) => {
    await page.goto('/fixtures?status=final');
    await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
    const competition = page.locator('select[name="competition"]');
    await expect(competition.locator('option', { hasText: 'Simulated Football League' })).toHaveCount(1);
    await competition.selectOption('SIM-NFL');
    await expect(page).toHaveURL(/competition=SIM-NFL/);
    const rows = page.getByTestId('fixture-row');
    await expect(rows.first()).toContainText('Simulated Football League');
    await expect(page.getByTestId('fixture-row').getByText('Simulated Premier League')).toHaveCount(0);

    // Two seasons of finished NFL games: more than a page.
    await expect(rows).toHaveCount(50);
    const firstPage = (await rows.first().textContent())!;
    await page.getByTestId('page-next').click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page.getByTestId('page-number')).toHaveText('Page 2');
    await expect(rows.first()).not.toHaveText(firstPage);
    const secondUrl = page.url();
    const secondFirst = (await rows.first().textContent())!;
    // The link shares: opened fresh, it is the same page with the same filters.
    await page.goto(secondUrl);
    await expect(competition).toHaveValue('SIM-NFL');
    await expect(page.locator('select[name="status"]')).toHaveValue('final');
    await expect(rows.first()).toHaveText(secondFirst);
    await page.getByTestId('page-previous').click();
    await expect(rows.first()).toHaveText(firstPage);

    // Latest first: the newest finished game leads.
    await page.locator('select[name="order"]').selectOption('desc');
    await expect(page).toHaveURL(/order=desc/);
    await expect(rows.first()).not.toHaveText(firstPage);
  });

  test('a mistyped link still opens the list (the bad parts ignored), never an error', async ({ page }) => {
    await page.goto('/fixtures?sport=cricket&status=done&date=2026-02-30&page=-3&order=sideways');
    await expect(page.getByTestId('fixture-row').first()).toBeVisible({ timeout: 20_000 });
    await expect(page.locator('select[name="sport"]')).toHaveValue('');
    await expect(page.locator('select[name="status"]')).toHaveValue('');
    await expect(page.locator('body')).not.toContainText(/invalid|expected/i);
  });

  test('at 390 px each game is a card: nothing scrolls sideways, the score and status are on screen', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/fixtures?status=final');
    const row = page.getByTestId('fixture-row').first();
    await expect(row).toBeVisible({ timeout: 20_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    // The table box itself does not scroll either (it used to, with score and status off screen).
    expect(await page.getByTestId('fixtures-table').evaluate((t) => t.scrollWidth - t.clientWidth)).toBeLessThanOrEqual(0);
    for (const id of ['fixture-row-score', 'fixture-row-status']) {
      const box = (await row.getByTestId(id).boundingBox())!;
      expect(box.x, id).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, id).toBeLessThanOrEqual(390);
    }
    await expect(page.locator('thead')).toBeHidden();
  });
});
