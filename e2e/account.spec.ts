import { expect, test, type Page } from '@playwright/test';
import { API } from './support.ts';

/** Console messages that mean the page's CSP blocked something. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (load|execute|connect|apply|frame)/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

test('an account from sign-up to a revoked partner key: sign up, sign out, sign in and come back, create a key, call REST with it, revoke it (401), sign out', async ({ page, context, request }) => {
  const csp = watchCsp(page);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const email = `e2e-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  const password = 'blue otter lamp 91 e2e';

  // A protected page sends an anonymous visitor to sign in, remembering where they were going.
  await page.goto('/account');
  await expect(page).toHaveURL(/\/signin\?next=%2Faccount$/);
  await expect(page.getByTestId('nav-signin')).toBeVisible();

  // Sign up (from the sign-in page's link, which keeps the destination).
  await page.getByRole('link', { name: 'Create an account' }).click();
  await expect(page).toHaveURL(/\/signup\?next=%2Faccount$/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByLabel('Repeat the password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  // The browser's own minlength check or the API's rule: either way no account and we stay here.
  await expect(page).toHaveURL(/\/signup/);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Repeat the password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId('account-email')).toContainText(email);
  await expect(page.getByTestId('nav-user')).toHaveText(email);
  await expect(page.getByTestId('plan')).toHaveText('free');
  await expect(page.getByTestId('session-row').filter({ hasText: 'This browser' })).toHaveCount(1);

  // The session cookie is HttpOnly (no script can read it) and SameSite=Lax.
  const cookie = (await context.cookies()).find((c) => c.name === 'fl_session');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

  // Sign out from the nav, then sign in again through the protected page and come back to it.
  await page.getByTestId('nav-signout').click();
  await expect(page.getByTestId('nav-signin')).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  await page.goto('/account');
  await expect(page).toHaveURL(/\/signin\?next=%2Faccount$/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('not the password at all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('form-error')).toHaveText('Invalid email or password.');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId('nav-user')).toHaveText(email);

  // Create a key: its secret is shown once, with a copy button.
  await page.getByLabel('Name', { exact: true }).fill('e2e partner');
  await page.getByRole('button', { name: 'Create key' }).click();
  const secretField = page.getByTestId('new-key-secret');
  await expect(secretField).toBeVisible();
  const secret = await secretField.inputValue();
  expect(secret).toMatch(/^fl_[A-Za-z0-9]+_[A-Za-z0-9_-]+$/);
  await page.getByTestId('copy-key').click();
  await expect(page.getByTestId('copy-key')).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  const row = page.getByTestId('api-key-row').filter({ hasText: 'e2e partner' });
  await expect(row).toHaveAttribute('data-status', 'active');
  await expect(row).toContainText('read:markets');
  expect(secret.startsWith((await row.getAttribute('data-prefix'))!)).toBe(true);
  await page.getByRole('button', { name: 'I have saved it' }).click();
  await expect(page.getByTestId('new-key')).toHaveCount(0);
  // Shown once: after a reload the page has no way to show it again.
  await page.reload();
  await expect(row).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  // Call the REST API with the key.
  const ok = await request.get(`${API}/api/v1/fixtures?limit=5`, { headers: { authorization: `Bearer ${secret}` } });
  expect(ok.status()).toBe(200);
  const fixtures = (await ok.json()) as unknown[];
  expect(Array.isArray(fixtures)).toBe(true);
  expect(fixtures.length).toBeGreaterThan(0);

  // Revoke it (two clicks): the next call gets 401.
  await row.getByTestId('revoke-key').click();
  await row.getByTestId('revoke-key-confirm').click();
  await expect(row).toHaveAttribute('data-status', 'revoked');
  const refused = await request.get(`${API}/api/v1/fixtures?limit=5`, { headers: { authorization: `Bearer ${secret}` } });
  expect(refused.status()).toBe(401);

  // Sign out: the nav offers sign-in again and the account page is closed.
  await page.getByTestId('nav-signout').click();
  await expect(page.getByTestId('nav-signin')).toBeVisible();
  await page.goto('/account');
  await expect(page).toHaveURL(/\/signin\?next=%2Faccount$/);
  expect(csp).toEqual([]);
});

test('the sign-in page follows only paths on this site after signing in', async ({ page }) => {
  await page.goto('/signin?next=https%3A%2F%2Fevil.example%2F');
  await expect(page.getByRole('link', { name: 'Create an account' })).toHaveAttribute('href', '/signup?next=%2Faccount');
  await page.goto('/signin?next=%2F%2Fevil.example');
  await expect(page.getByRole('link', { name: 'Create an account' })).toHaveAttribute('href', '/signup?next=%2Faccount');
  await page.goto('/signin?next=%2Fvalue%3Fdays%3D3');
  await expect(page.getByRole('link', { name: 'Create an account' })).toHaveAttribute('href', '/signup?next=%2Fvalue%3Fdays%3D3');
});
