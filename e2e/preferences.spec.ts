/**
 * Display preferences in the browser: American odds chosen on /account change the prices on the value finder and on
 * a fixture page, survive a reload, and come back from the account in a fresh browser after signing out and in; a
 * signed-out visitor's choice (the nav's switch) is kept by the browser; times follow the browser's time zone or the
 * one chosen. No hydration warning or console error along the way.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const SHOTS = process.env.FAIRLINE_SHOTS_DIR ?? 'test-results/shots';
mkdirSync(SHOTS, { recursive: true });

const DECIMAL = /^\d+\.\d\d$/;
const AMERICAN = /^[+-]\d+$/;
const FRACTIONAL = /^\d+\/\d+$/;

function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /hydrat/i.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** The prices shown on the page (every element marked data-testid=price), once some have loaded. */
async function prices(page: Page, within: string): Promise<string[]> {
  const cells = page.locator(within).getByTestId('price');
  await expect(cells.first()).toBeVisible({ timeout: 20_000 });
  return (await cells.allInnerTexts()).map((t) => t.trim()).filter((t) => t !== '—');
}

/** Every shown price is in `format` (waiting for the page to re-render after a change). */
async function expectPricesIn(page: Page, within: string, format: RegExp): Promise<void> {
  await expect.poll(async () => (await prices(page, within)).every((p) => format.test(p)), { timeout: 20_000 }).toBe(true);
  expect((await prices(page, within)).length).toBeGreaterThan(0);
}

async function firstUpcomingSoccer(page: Page): Promise<string> {
  await page.goto('/fixtures?sport=soccer&status=scheduled');
  return (await page.getByTestId('fixture-row').first().locator('a').getAttribute('href', { timeout: 20_000 }))!;
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/signin?next=%2Faccount');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);
}

test('American odds chosen on the account page show on the value finder and a fixture page, survive a reload and a sign-out/in in a fresh browser', async ({ page, browser }) => {
  test.setTimeout(150_000);
  const errors = watchConsole(page);
  const email = `prefs-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  const password = 'amber heron kite 42 e2e';
  const fixture = await firstUpcomingSoccer(page);

  // Decimal by default, everywhere.
  await page.goto('/value');
  await expectPricesIn(page, '[data-testid="value-page"]', DECIMAL);
  await page.goto(fixture);
  await expectPricesIn(page, '[data-testid="fair-prices"]', DECIMAL);

  await page.goto('/signup?next=%2Faccount');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Repeat the password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/account$/);

  const panel = page.getByTestId('preferences-panel');
  await expect(panel.getByLabel(/Decimal/)).toBeChecked();
  await panel.getByLabel(/American/).check();
  await expect(panel.getByRole('status')).toHaveText('Saved.');
  await expect(page.getByTestId('odds-format-toggle')).toHaveValue('american');
  // The account page with its Display panel, at both widths: nothing wider than the viewport; screenshots kept.
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `account at ${width} px`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, `account-preferences-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });

  await page.goto('/value');
  await expectPricesIn(page, '[data-testid="value-page"]', AMERICAN);
  await page.goto(fixture);
  await expectPricesIn(page, '[data-testid="fair-prices"]', AMERICAN);
  await page.reload();
  await expectPricesIn(page, '[data-testid="fair-prices"]', AMERICAN);

  // Signed out, this browser keeps its last choice.
  await page.getByTestId('nav-signout').click();
  await expect(page.getByTestId('nav-signin')).toBeVisible();
  await page.goto('/value');
  await expectPricesIn(page, '[data-testid="value-page"]', AMERICAN);

  // A fresh browser (nothing stored) shows decimal until the account is signed in, then the account's choice.
  const fresh = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const other = await fresh.newPage();
  const otherErrors = watchConsole(other);
  await other.goto('/value');
  await expectPricesIn(other, '[data-testid="value-page"]', DECIMAL);
  await signIn(other, email, password);
  await expect(other.getByTestId('preferences-panel').getByLabel(/American/)).toBeChecked();
  await other.goto('/value');
  await expectPricesIn(other, '[data-testid="value-page"]', AMERICAN);
  await other.goto(fixture);
  await expectPricesIn(other, '[data-testid="fair-prices"]', AMERICAN);
  await fresh.close();

  expect(errors).toEqual([]);
  expect(otherErrors).toEqual([]);
});

test('a signed-out visitor switches to fractional in the nav: kept by this browser across reloads', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/value');
  await expectPricesIn(page, '[data-testid="value-page"]', DECIMAL);
  await page.getByTestId('odds-format-toggle').selectOption('fractional');
  await expectPricesIn(page, '[data-testid="value-page"]', FRACTIONAL);
  await page.reload();
  await expectPricesIn(page, '[data-testid="value-page"]', FRACTIONAL);
  await expect(page.getByTestId('odds-format-toggle')).toHaveValue('fractional');
  expect(errors).toEqual([]);
});

test.describe('times', () => {
  test.use({ timezoneId: 'America/New_York' });

  test('are in the browser’s time zone, or the one chosen on the account page', async ({ page }) => {
    const errors = watchConsole(page);
    await page.goto('/fixtures?sport=soccer&status=scheduled');
    const kickoff = page.getByTestId('fixture-row').first();
    // December in New York: GMT-5 (the server rendered UTC; the browser's zone applies once mounted).
    await expect(kickoff).toContainText(/\d\d:\d\d GMT-[45](?!\d)/, { timeout: 20_000 });

    const email = `prefs-tz-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
    const password = 'amber heron kite 42 e2e';
    await page.goto('/signup?next=%2Faccount');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByLabel('Repeat the password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveURL(/\/account$/);
    const panel = page.getByTestId('preferences-panel');
    await expect(panel.getByTestId('time-sample')).toHaveText('Sat 04 Jul, 14:30 GMT-4');
    await panel.getByLabel('Time zone').selectOption('Asia/Tokyo');
    await expect(panel.getByRole('status')).toHaveText('Saved.');
    await expect(panel.getByTestId('time-sample')).toHaveText('Sun 05 Jul, 03:30 GMT+9');
    await page.goto('/fixtures?sport=soccer&status=scheduled');
    await expect(page.getByTestId('fixture-row').first()).toContainText(/\d\d:\d\d GMT\+9(?!\d)/, { timeout: 20_000 });
    await page.reload();
    await expect(page.getByTestId('fixture-row').first()).toContainText(/\d\d:\d\d GMT\+9(?!\d)/, { timeout: 20_000 });
    expect(errors).toEqual([]);
  });
});
