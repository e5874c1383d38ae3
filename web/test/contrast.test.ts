import { describe, expect, it } from 'vitest';
import { contrastRatio, inkOn, luminanceOver } from '../src/lib/contrast.ts';

const TEAL = [15, 118, 110] as const;
const INK: Record<string, number> = { '#0f172a': luminanceOver([15, 23, 42]), '#ffffff': 1, '#000000': 0 };

describe('text on a computed shade', () => {
  it('matches WCAG’s figures for known colours', () => {
    expect(contrastRatio(1, 0)).toBeCloseTo(21, 5);
    expect(contrastRatio(luminanceOver(TEAL), 1)).toBeCloseTo(5.47, 1); // white on the brand teal
    expect(luminanceOver(TEAL, 0)).toBeCloseTo(1, 9); // fully transparent = the white under it
  });
  it('reaches 4.5:1 on every shade of the heatmap, light to full teal', () => {
    for (let i = 0; i <= 1000; i++) {
      const alpha = 0.08 + 0.92 * (i / 1000);
      const l = luminanceOver(TEAL, alpha);
      expect(contrastRatio(l, INK[inkOn(TEAL, alpha)]!), `alpha ${alpha}`).toBeGreaterThanOrEqual(4.5);
    }
  });
  it('keeps the app’s ink on light shades and white on the darkest', () => {
    expect(inkOn(TEAL, 0.1)).toBe('#0f172a');
    expect(inkOn(TEAL, 1)).toBe('#ffffff');
  });
});
