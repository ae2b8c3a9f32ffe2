import { expect, test } from 'vitest';
import { deliveryCodeMatches, hashDeliveryCode, newDeliveryCode } from '#shared/delivery-code.ts';

test('a code is six digits; only its salted hash is kept, and the hash matches that code alone', () => {
  for (let i = 0; i < 50; i++) expect(newDeliveryCode()).toMatch(/^\d{6}$/);
  const hash = hashDeliveryCode('042517');
  expect(hash).not.toContain('042517');
  expect(deliveryCodeMatches(hash, '042517')).toBe(true);
  expect(deliveryCodeMatches(hash, '042518')).toBe(false);
  expect(deliveryCodeMatches(hash, '')).toBe(false);
  // A fresh salt each time: the same code never gives the same hash.
  expect(hashDeliveryCode('042517')).not.toBe(hash);
});

test('a damaged or unknown hash matches nothing', () => {
  for (const stored of ['', '042517', 'md5$abc$def', 's256$$', 's256$c2FsdA$']) expect(deliveryCodeMatches(stored, '042517')).toBe(false);
});
