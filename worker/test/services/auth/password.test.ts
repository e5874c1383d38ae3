import { argon2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { commonPasswordReason } from '../../../src/services/auth/common-passwords.ts';
import { newPasswordInput } from '../../../src/services/auth/inputs.ts';
import { hashPassword, parsePasswordHash, PASSWORD_HASH_PARAMS, verifyPassword } from '../../../src/services/auth/password.ts';

describe('argon2id password hashes', () => {
  it('are PHC strings at OWASP’s minimum that match the reference implementation (Node’s OpenSSL argon2id)', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    const parsed = parsePasswordHash(hash)!;
    expect(parsed.params).toEqual(PASSWORD_HASH_PARAMS);
    const reference = argon2Sync('argon2id', {
      message: 'correct horse battery staple',
      nonce: parsed.salt,
      parallelism: 1,
      tagLength: 32,
      memory: 19456,
      passes: 2,
    });
    expect(Buffer.from(parsed.tag).equals(reference)).toBe(true);
  });

  it('verify the right password only, salt each hash, and ask for a re-hash below the current parameters', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery staple', a)).toEqual({ ok: true, needsRehash: false });
    expect(await verifyPassword('correct horse battery stapl3', a)).toEqual({ ok: false, needsRehash: false });
    const weak = await hashPassword('correct horse battery staple', { m: 4096, t: 1, p: 1 });
    expect(await verifyPassword('correct horse battery staple', weak)).toEqual({ ok: true, needsRehash: true });
    expect(await verifyPassword('wrong password here', weak)).toEqual({ ok: false, needsRehash: false });
  });

  it('normalise to NFKC, so a composed and a decomposed é are the same password', async () => {
    const hash = await hashPassword('caf\u00e9 au lait, s’il vous plaît');
    expect((await verifyPassword('cafe\u0301 au lait, s’il vous plaît', hash)).ok).toBe(true);
  });

  it('never match a hash they cannot parse (old PBKDF2 rows, tampered parameters)', async () => {
    expect((await verifyPassword('x', 'pbkdf2$100000$c2FsdA$aGFzaA')).ok).toBe(false);
    expect(parsePasswordHash('$argon2id$v=19$m=99999999,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA')).toBeNull();
    expect(parsePasswordHash('$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA')).toBeNull();
  });
});

describe('the password policy', () => {
  it('asks for 12 to 256 characters, counted as code points', () => {
    expect(newPasswordInput.safeParse('short pass!').success).toBe(false);
    expect(newPasswordInput.safeParse('twelve chars').success).toBe(true);
    expect(newPasswordInput.safeParse('😀'.repeat(12)).success).toBe(true);
    expect(newPasswordInput.safeParse('x'.repeat(257)).success).toBe(false);
  });

  it('refuses common passwords and their usual stretchings', () => {
    for (const p of ['1q2w3e4r5t6y', 'Password1234!', '!!qwerty123456', 'passwordpassword', 'abcabcabcabc', 'aaaaaaaaaaab', '121212121212', 'QAZWSXEDCRFV']) {
      expect(commonPasswordReason(p), p).not.toBeNull();
    }
    expect(commonPasswordReason('ana.lopez-2026!', { email: 'ana.lopez@example.com' })).toMatch(/email/);
    for (const p of ['correct horse battery staple', 'Tr0ub4dor&3 xk', 'blue-otter-lamp-91']) {
      expect(commonPasswordReason(p), p).toBeNull();
    }
  });
});
