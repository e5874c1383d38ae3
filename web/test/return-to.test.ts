import { describe, expect, it } from 'vitest';
import { DEFAULT_AFTER_SIGN_IN, safeNext, signInPath } from '../src/lib/return-to.ts';

describe('sign in and come back', () => {
  it('follows a path on this site, query included', () => {
    expect(safeNext('/account')).toBe('/account');
    expect(safeNext('/value?days=3')).toBe('/value?days=3');
    expect(signInPath('/fixtures?sport=nfl')).toBe('/signin?next=%2Ffixtures%3Fsport%3Dnfl');
  });

  it('never follows another site: absolute, protocol-relative, backslash or control-character tricks', () => {
    for (const next of ['https://evil.example/', '//evil.example', '/\\evil.example', '\\\\evil.example', 'javascript:alert(1)', '/\nx', 'account', '', null, undefined]) {
      expect(safeNext(next), String(next)).toBe(DEFAULT_AFTER_SIGN_IN);
    }
  });
});
