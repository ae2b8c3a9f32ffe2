import { expect, test } from 'vitest';
import { codeMatches, hashCode, issueCode } from '#shared/codes.ts';

test('a code is six digits; only its salted hash is kept, and the hash matches that code alone', () => {
  for (let i = 0; i < 50; i++) {
    const issued = issueCode();
    expect(issued.code).toMatch(/^\d{6}$/);
    expect(codeMatches(issued.hash, issued.code)).toBe(true);
  }
  const hash = hashCode('042517');
  expect(hash).not.toContain('042517');
  expect(codeMatches(hash, '042517')).toBe(true);
  expect(codeMatches(hash, '042518')).toBe(false);
  expect(codeMatches(hash, '')).toBe(false);
  // A fresh salt each time: the same code never gives the same hash.
  expect(hashCode('042517')).not.toBe(hash);
});

test('a damaged or unknown hash matches nothing', () => {
  for (const stored of ['', '042517', 'md5$abc$def', 's256$$', 's256$c2FsdA$']) expect(codeMatches(stored, '042517')).toBe(false);
});
