import { describe, expect, test } from 'vitest';
import { principalFromClaims, requireRole } from '#http/principal.ts';
import { assertStationAccess } from '#domain/access.ts';

describe('principalFromClaims', () => {
  test('reads the role as API Gateway flattens an array claim, or as a real array', () => {
    expect(principalFromClaims({ sub: 'a', role: '[partner]', stationId: 'st_1' })).toEqual({
      sub: 'a',
      role: 'partner',
      stationId: 'st_1',
    });
    expect(principalFromClaims({ sub: 'a', role: ['kiosk'], stationId: 'st_1' })).toEqual({ sub: 'a', role: 'kiosk', stationId: 'st_1' });
    expect(principalFromClaims({ sub: 'a', role: '[kiosk ops]' })).toEqual({ sub: 'a', role: 'ops' });
  });

  test('no usable identity: no principal', () => {
    expect(principalFromClaims(undefined)).toBeUndefined();
    expect(principalFromClaims({ role: '[ops]' })).toBeUndefined();
    expect(principalFromClaims({ sub: 'a', role: '[admins]' })).toBeUndefined();
    // A partner without a station could otherwise see everything.
    expect(principalFromClaims({ sub: 'a', role: '[partner]' })).toBeUndefined();
  });
});

test('roles and stations', () => {
  expect(() => requireRole(undefined, ['ops'])).toThrow(expect.objectContaining({ status: 401 }));
  expect(() => requireRole({ sub: 'a', role: 'kiosk', stationId: 's' }, ['partner'])).toThrow(expect.objectContaining({ status: 403 }));
  expect(() => assertStationAccess({ sub: 'a', role: 'partner', stationId: 's1' }, 's2')).toThrow(expect.objectContaining({ status: 404 }));
  expect(() => assertStationAccess({ sub: 'a', role: 'ops' }, 's2')).not.toThrow();
});
