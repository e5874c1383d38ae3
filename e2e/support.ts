import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const API = process.env.FAIRLINE_API_URL ?? 'http://127.0.0.1:8887';

/** Opens the first upcoming fixture of a sport from the fixtures list (after the live socket is up) and returns its id. */
export async function openFirstUpcoming(page: Page, sport: 'nfl' | 'soccer'): Promise<number> {
  await page.goto(`/fixtures?sport=${sport}&status=scheduled`);
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  await page.getByTestId('fixture-row').first().locator('a').click();
  await expect(page).toHaveURL(/\/fixtures\/\d+$/);
  return Number(new URL(page.url()).pathname.split('/').pop());
}

/** Publishes `event` to the fixture's room (as the cron does) and waits for the page to refetch `procedure`. */
export async function publishAndAwaitRefetch(page: Page, request: APIRequestContext, fixtureId: number, procedure: string, event: object): Promise<void> {
  const refetched = page.waitForResponse((r) => r.url().includes(procedure));
  const res = await request.post(`${API}/rooms/fixture:${fixtureId}/publish`, {
    headers: { authorization: 'Bearer fairline-local-admin' },
    data: { fixtureId, ...event },
  });
  expect(res.status()).toBe(200);
  expect((await refetched).status()).toBe(200);
}

/** The percentages shown in a text ("52.1%" …), which must cover every outcome: they sum to 100 within rounding. */
export function expectSharesOfOne(text: string, count?: number): number[] {
  const shares = (text.match(/(\d+\.\d)%/g) ?? []).map((s) => Number.parseFloat(s));
  if (count !== undefined) expect(shares).toHaveLength(count);
  const sum = shares.reduce((a, b) => a + b, 0);
  expect(sum).toBeGreaterThan(99.8);
  expect(sum).toBeLessThan(100.2);
  return shares;
}

/**
 * A link of the main nav by its exact name. Below the `lg` breakpoint the sections sit behind the "Menu" button:
 * it is opened first, as a reader would (the account links beside it are always shown).
 */
export async function navLink(page: Page, name: string) {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const menu = nav.getByTestId('menu-button');
  const link = nav.getByRole('link', { name, exact: true });
  // A closed menu's links are display:none, so not even in the accessibility tree: open it before looking. Retried,
  // because a navigation still finishing closes the menu again (the menu closes on every route change).
  await expect(async () => {
    if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
    await expect(link.first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 }).catch(() => undefined); // not there at all: the caller decides (count() is 0)
  return link;
}
