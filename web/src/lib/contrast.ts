/**
 * WCAG 2.x contrast for colours computed at run time (a heatmap's shades), where a fixed Tailwind class cannot be
 * checked in advance: the relative luminance of an sRGB colour and the text colour that stays readable on it.
 */

/** WCAG relative luminance of sRGB `rgb` (0–255 channels) laid at opacity `alpha` over white. */
export function luminanceOver(rgb: readonly [number, number, number], alpha = 1): number {
  const channel = (c: number) => {
    const v = (255 * (1 - alpha) + c * alpha) / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);
}

/** The WCAG contrast ratio of two luminances (1 to 21). */
export const contrastRatio = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

const SLATE_900 = { hex: '#0f172a', l: luminanceOver([15, 23, 42]) };

/**
 * The text colour for a background of `rgb` at opacity `alpha` over white: the app's ink (slate-900) where it reaches
 * WCAG AA's 4.5:1, else white where that does, else black — in the middle band of a medium shade neither slate-900 nor
 * white reaches 4.5:1, but black always does where white does not.
 */
export function inkOn(rgb: readonly [number, number, number], alpha = 1): string {
  const l = luminanceOver(rgb, alpha);
  if (contrastRatio(l, SLATE_900.l) >= 4.5) return SLATE_900.hex;
  if (contrastRatio(l, 1) >= 4.5) return '#ffffff';
  return '#000000';
}
