import { expect, test } from '@playwright/test';
import { API, expectSharesOfOne, openFirstUpcoming, publishAndAwaitRefetch } from './support.ts';

test('fixtures page shows seeded rows from Postgres, filters by sport, and links to a tRPC-loaded detail page', async ({ page }) => {
  await page.goto('/fixtures');
  const rows = page.getByTestId('fixture-row');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(50);
  await expect(page.getByText('Simulated Premier League').first()).toBeVisible();
  // The rows above are server-rendered; wait for hydration (the live socket only opens in the browser).
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });

  await page.locator('select[name="sport"]').selectOption('nfl');
  await expect(page).toHaveURL(/sport=nfl/);
  await expect(rows.first()).toContainText('Simulated Football League');
  await expect(page.getByText('Simulated Premier League')).toHaveCount(0);

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
