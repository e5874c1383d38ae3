/**
 * Accessibility: axe-core (WCAG 2.x A and AA rules) over every page of page-list.ts, once at 1440 px and once at
 * 390 px, after the page's data has loaded. No serious or critical violation is allowed — keyboard-reachable controls,
 * labelled inputs, sufficient contrast among them. Every finding of every page is collected before failing, so one run
 * names them all; they are also written to test-results/a11y-<width>.json.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { discover, PAGES } from './page-list.ts';

const BLOCKING = new Set(['serious', 'critical']);
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

for (const width of [1440, 390] as const) {
  test(`every page at ${width} px has no serious or critical axe violation`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await discover(page);
    const findings: string[] = [];
    const report: unknown[] = [];
    for (const p of PAGES) {
      await page.goto(p.path);
      await expect(page.locator(p.ready).first(), p.path).toBeVisible({ timeout: 20_000 });
      await page.waitForLoadState('networkidle');
      const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      for (const v of violations) {
        report.push({ page: p.path, id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })) });
        if (!BLOCKING.has(v.impact ?? '')) continue;
        const where = v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ');
        findings.push(`${p.name} (${p.path}): ${v.impact} ${v.id} — ${v.help} — ${v.nodes.length} node(s): ${where}`);
      }
    }
    mkdirSync('test-results', { recursive: true });
    writeFileSync(`test-results/a11y-${width}.json`, JSON.stringify(report, null, 2));
    expect(findings, findings.join('\n')).toEqual([]);
  });
}
