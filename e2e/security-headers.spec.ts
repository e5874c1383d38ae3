import { expect, test } from '@playwright/test';
import { API } from './support.ts';

test('the web app sends its security headers and its pages run under the CSP without a violation, live room included', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (load|execute|connect|apply|frame)/i.test(m.text())) violations.push(m.text());
  });
  for (const path of ['/', '/fixtures', '/value', '/status', '/signin', '/signup']) {
    const res = await page.goto(path);
    const h = res!.headers();
    expect(h['content-security-policy'], path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(h['content-security-policy']).not.toMatch(/script-src[^;]*unsafe/);
    expect(h['x-frame-options']).toBe('DENY');
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
    // A local deployment: no HSTS over plain http.
    expect(h['strict-transport-security']).toBeUndefined();
  }
  await page.goto('/fixtures');
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  expect(violations).toEqual([]);
});

test('the API answers with its own strict headers', async ({ request }) => {
  const res = await request.get(`${API}/health`);
  const h = res.headers();
  expect(h['content-security-policy']).toContain("default-src 'none'");
  expect(h['x-frame-options']).toBe('DENY');
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('no-referrer');
});
