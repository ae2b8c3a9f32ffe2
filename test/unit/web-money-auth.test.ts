import fc from 'fast-check';
import { expect, test } from 'vitest';
import { sessionFromToken } from '#web/shared/auth.ts';
import { changeFor, fenToYuanInput, formatFen, formatFenShort, readYuan, yuanToFen } from '#web/shared/money.ts';
import { spokenPrice } from '#web/kiosk/speech.ts';

test('yuan typed by a partner become exact fen, never through a float', () => {
  expect(yuanToFen('3900')).toBe(390_000);
  expect(yuanToFen('39.9')).toBe(3_990);
  expect(yuanToFen('0.07')).toBe(7);
  expect(yuanToFen('¥1,234.50')).toBe(123_450);
  expect(yuanToFen(' 10. ')).toBe(1_000);
  // As a partner types them on a phone: 元, full-width digits and points.
  expect(yuanToFen('29元')).toBe(2_900);
  expect(yuanToFen('２９．５')).toBe(2_950);
  expect(yuanToFen('￥50 元')).toBe(5_000);
  expect(yuanToFen('12块')).toBe(1_200);
  for (const bad of ['', 'abc', '1.234', '-5', '1e3', '12.3.4']) expect(yuanToFen(bad), bad).toBeUndefined();
  expect(readYuan('-5')).toEqual({ mistake: 'field.amountNegative' });
  expect(readYuan('100000001')).toEqual({ mistake: 'field.amountTooLarge' });
  expect(changeFor(2_900, 5_000)).toEqual({ takenFen: 2_900, changeFen: 2_100, shortFen: 0 });
  expect(changeFor(2_900, 1_000)).toEqual({ takenFen: 1_000, changeFen: 0, shortFen: 1_900 });
  fc.assert(
    // Up to the API's ceiling (¥100,000,000): above it the form says the amount is too large.
    fc.property(fc.integer({ min: 0, max: 100_000_000_00 }), (fen) => {
      expect(yuanToFen(fenToYuanInput(fen))).toBe(fen);
    }),
  );
});

test('money on screen', () => {
  expect(formatFen(390_000)).toBe('¥3,900.00');
  expect(formatFen(-100)).toBe('-¥1.00');
  expect(formatFenShort(390_000)).toBe('¥3,900');
  expect(formatFenShort(8_990)).toBe('¥89.90');
});

test('prices are read aloud as Mandarin says them', () => {
  expect(spokenPrice(390_000)).toBe('3900元');
  expect(spokenPrice(8_990)).toBe('89元9角');
  expect(spokenPrice(999)).toBe('9元9角9分');
  expect(spokenPrice(5)).toBe('0元0角5分');
});

test('a session reads role, station and expiry from the access token', () => {
  const payload = Buffer.from(JSON.stringify({ sub: 's', role: 'partner', stationId: 'st_1', exp: 2_000_000_000, name: '王' })).toString('base64url');
  const session = sessionFromToken(`h.${payload}.sig`, '王秀英');
  expect(session).toEqual({ token: `h.${payload}.sig`, role: 'partner', stationId: 'st_1', name: '王秀英', expiresAt: 2_000_000_000_000 });
});
