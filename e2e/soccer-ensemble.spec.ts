/**
 * The soccer ensemble on a fixture page (issue 14's "done when"): the demo seed trains and promotes the simulated
 * league's soccer_model and soccer_ensemble through the real retrain verb (worker/src/seed/simulated-soccer-history.ts),
 * so an upcoming soccer fixture shows the ensemble's 1X2 probabilities beside the model's and why — the top factors
 * with signed contributions, for the likeliest outcome and, on switching, another. Screenshots at 1440 and 390 px.
 */
import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openFirstUpcoming } from './support.ts';

const SHOTS = process.env.FAIRLINE_SHOTS_DIR ?? 'test-results/shots';

for (const width of [1440, 390]) {
  test(`an upcoming soccer fixture shows the ensemble’s 1X2 and its explanation (${width} px)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await openFirstUpcoming(page, 'soccer');
    const row = page.getByTestId('ensemble-1x2');
    await expect(row).toBeVisible({ timeout: 30_000 });
    await expect(row).toContainText('Ensemble');
    // The heading names the model that priced the grid (the GBDT model, not plain Dixon–Coles).
    await expect(page.getByTestId('fair-prices-model')).toContainText('gradient-boosted model');
    // Three probabilities that are a distribution.
    const cells = (await row.locator('td').allInnerTexts()).slice(1).map((t) => Number.parseFloat(t));
    expect(cells).toHaveLength(3);
    for (const p of cells) expect(p).toBeGreaterThan(0);
    const sum = cells.reduce((a, b) => a + b, 0);
    expect(sum).toBeGreaterThan(99.5);
    expect(sum).toBeLessThan(100.5);
    // The sharp book whose pre-close price the ensemble uses is quoted too.
    await expect(page.getByTestId('fair-1x2')).toContainText('pinnacle');

    // Why: the likeliest outcome's headline carries the ensemble's own probability, with signed factors.
    const why = page.getByTestId('fixture-explanation');
    await expect(why).toBeVisible();
    const top = Math.max(...cells).toFixed(1);
    await expect(why).toContainText(new RegExp(`^Why .+ ${top.replace('.', '\\.')}%`));
    const factors = why.getByTestId('explanation-factor');
    expect(await factors.count()).toBeGreaterThan(0);
    await expect(factors.first()).toContainText(/[+−]\d/);
    // Another outcome's explanation on switching.
    const explanation = page.getByTestId('soccer-explanation');
    const other = explanation.getByRole('button', { pressed: false }).first();
    const name = (await other.innerText()).trim();
    await other.click();
    await expect(why).toContainText(`Why ${name}`);
    await expect(why.getByTestId('explanation-factor').first()).toBeVisible();

    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, `soccer-ensemble-${width}.png`), fullPage: true });
  });
}
