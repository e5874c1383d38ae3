import { describe, expect, it } from 'vitest';
import { inputValue, signedContribution } from '../src/lib/explanation.ts';

describe('explanations on the web', () => {
  it('signs contributions with a true minus and writes inputs as a reader expects', () => {
    expect(signedContribution(8.14, 1)).toBe('+8.1');
    expect(signedContribution(-2.26, 1)).toBe('−2.3');
    expect(signedContribution(0, 2)).toBe('+0.00');
    expect(inputValue({ feature: 'target_share', value: 0.243 })).toBe('24 %');
    expect(inputValue({ feature: 'catch_rate_l5', value: 0.7 })).toBe('70 %');
    expect(inputValue({ feature: 'air_yards', value: 412.4 })).toBe('412');
    expect(inputValue({ feature: 'rest_days', value: 6.5 })).toBe('6.5');
    expect(inputValue({ feature: 'elo_diff', value: -31.237 })).toBe('-31.24');
    expect(inputValue({ feature: 'wind', value: null })).toBe('missing');
  });
});
