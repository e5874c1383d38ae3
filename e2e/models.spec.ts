/**
 * `/models` in the browser: loaded directly, every model kind listed, the soccer model's reliability diagram and
 * backtest chart drawn (non-blank canvases, from the demo's simulated walk-forward history), the promotion history
 * listed; promote and roll back shown to the demo admin only — the subscriber sees none, and the API refuses the
 * subscriber's rollback anyway — and an admin's promotion with a reason shows in the history.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const SHOTS = process.env.FAIRLINE_SHOTS_DIR ?? 'test-results/shots';

const SUBSCRIBER = { email: 'demo.subscriber@fairline.local', password: 'fair prices for everyone' };
const ADMIN = { email: 'demo.admin@fairline.local', password: 'local operator console' };

/** True when the canvas (or the first canvas inside `el`) has a pixel that is not white or transparent. */
async function drawn(el: Locator): Promise<boolean> {
  const canvas = (await el.evaluate((e) => e.tagName)) === 'CANVAS' ? el : el.locator('canvas').first();
  return canvas.evaluate(async (c) => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const cv = c as HTMLCanvasElement;
    const data = cv.getContext('2d')!.getImageData(0, 0, cv.width, cv.height).data;
    for (let j = 0; j < data.length; j += 4) if (data[j + 3]! > 0 && (data[j]! < 200 || data[j + 1]! < 200 || data[j + 2]! < 200)) return true;
    return false;
  });
}

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto('/signin?next=%2Fmodels');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/models$/);
}

const soccer = (page: Page) => page.locator('[data-testid="model-kind"][data-kind="soccer_dixon_coles"]');

test('the models page loads directly: every kind, the soccer model’s charts drawn, the history; no admin controls signed out', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const res = await page.goto('/models');
  expect(res?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: 'Models' })).toBeVisible();
  await expect(page.getByTestId('model-kind')).toHaveCount(5, { timeout: 20_000 });
  for (const kind of ['soccer_dixon_coles', 'soccer_model', 'soccer_ensemble', 'nfl_game_lines', 'nfl_props']) {
    await expect(page.locator(`[data-testid="model-kind"][data-kind="${kind}"]`)).toBeVisible();
  }
  // The demo's simulated walk-forward history: a reliability diagram of settled predictions and RPS against the market.
  const dc = soccer(page);
  await expect(dc.getByTestId('reliability-chart')).toBeVisible();
  expect(await drawn(dc.getByTestId('reliability-chart'))).toBe(true);
  await expect(dc.getByTestId('backtest-chart')).toBeVisible();
  expect(await drawn(dc.getByTestId('backtest-chart'))).toBe(true);
  await expect(dc.getByText(/settled predictions .* matches/)).toBeVisible();
  // The bins with their counts, for exact figures.
  await dc.getByText('Bins with counts').click();
  await expect(dc.getByTestId('reliability-bins').locator('tbody tr').first()).toBeVisible();
  // The game-lines model is active (the seed's simulated fit) and its metrics listed.
  await expect(page.locator('[data-kind="nfl_game_lines"]').getByTestId('active-version')).toContainText('v1');
  // The history, newest first: the demo's first live refit promoted through the gate, the seeded history's activations.
  await expect(page.getByTestId('history-row').first()).toContainText(/Promoted|Activated/);
  await expect(page.getByTestId('history-row').filter({ hasText: 'Activated' }).first()).toBeVisible();
  await expect(page.getByTestId('registry-actions')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a subscriber sees no promote or rollback, and the API refuses the subscriber’s rollback', async ({ page }) => {
  await signIn(page, SUBSCRIBER);
  await expect(page.getByTestId('model-kind').first()).toBeVisible({ timeout: 20_000 });
  await expect(soccer(page).getByTestId('reliability-chart')).toBeVisible();
  await expect(page.getByTestId('registry-actions')).toHaveCount(0);
  await expect(page.getByTestId('promote-button')).toHaveCount(0);
  // The same request the admin's button makes, with the subscriber's session cookie from this page: FORBIDDEN.
  const answer = await page.evaluate(async () => {
    const res = await fetch('/trpc/admin.models.rollback', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { kind: 'soccer_dixon_coles', scope: 'soccer:SIM-SOC', reason: 'not mine to change' } }),
    });
    return { status: res.status, body: await res.text() };
  });
  expect(answer.status).toBe(403);
  expect(answer.body).toContain('FORBIDDEN');
});

test('the admin promotes a version with a reason and rolls back; both show in the history with the reason', async ({ page }) => {
  await signIn(page, ADMIN);
  const dc = soccer(page);
  const actions = dc.getByTestId('registry-actions');
  await expect(actions).toBeVisible({ timeout: 20_000 });
  // No reason: said plainly, nothing sent.
  await actions.getByTestId('promote-button').click();
  await expect(actions.getByTestId('action-error')).toContainText('Say why');

  const version = actions.getByTestId('promote-version');
  const label = (await version.locator('option').first().textContent())!;
  const promoted = /^v(\d+)/.exec(label)![1]!;
  await actions.getByTestId('action-reason').fill('e2e: promote a walk-forward fit');
  await actions.getByTestId('promote-button').click();
  await expect(actions.getByTestId('action-done')).toHaveText(`Version ${promoted} is now active.`);
  await expect(dc.getByTestId('active-version')).toContainText(`v${promoted}`);
  const first = page.getByTestId('history-row').first();
  await expect(first).toContainText(`Promoted v${promoted}`);
  await expect(first).toContainText('an admin');
  await expect(first).toContainText('e2e: promote a walk-forward fit');

  await actions.getByTestId('action-reason').fill('e2e: back to the version before');
  await actions.getByTestId('rollback-button').click();
  await expect(actions.getByTestId('action-done')).toContainText('is now active.');
  await expect(page.getByTestId('history-row').first()).toContainText('Rolled back to');
  await expect(page.getByTestId('history-row').first()).toContainText('e2e: back to the version before');

  // The admin's controls fit a phone too.
  mkdirSync(SHOTS, { recursive: true });
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await expect(actions).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, `models-admin-${width}.png`), fullPage: true });
  }
});

for (const width of [1440, 390]) {
  test(`the models page at ${width} px: nothing wider than the viewport, charts drawn (screenshot kept)`, async ({ page }) => {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.goto('/models');
    const dc = soccer(page);
    await expect(dc.getByTestId('backtest-chart')).toBeVisible({ timeout: 20_000 });
    await page.waitForLoadState('networkidle');
    expect(await drawn(dc.getByTestId('reliability-chart'))).toBe(true);
    expect(await drawn(dc.getByTestId('backtest-chart'))).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, `models-page-${width}.png`), fullPage: true });
  });
}

test('a player page says why: the projection’s top factors with signed contributions (the seed’s prop models have trees)', async ({ page }) => {
  await page.goto('/fixtures?sport=nfl&status=scheduled');
  await page.getByTestId('fixture-row').first().locator('a').click();
  const player = await page.getByTestId('player-link').first().getAttribute('href', { timeout: 20_000 });
  await page.goto(player!);
  const why = page.getByTestId('player-explanation').first();
  await expect(why).toBeVisible({ timeout: 20_000 });
  await expect(why).toContainText(/^Why \d+\.\d% (over|to score)/);
  await expect(why.getByTestId('explanation-factor').first()).toContainText(/[+−]\d/);
});
