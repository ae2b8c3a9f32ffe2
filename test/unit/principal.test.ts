import { describe, expect, test } from 'vitest';
import { principalFromClaims, requireRole } from '#http/principal.ts';
import { assertStationAccess } from '#domain/access.ts';

describe('principalFromClaims', () => {
  test('reads groups as API Gateway flattens them, or as a real array', () => {
    expect(principalFromClaims({ sub: 'a', 'cognito:groups': '[partner]', 'custom:stationId': 'st_1' })).toEqual({
      sub: 'a',
      role: 'partner',
      stationId: 'st_1',
    });
    expect(principalFromClaims({ sub: 'a', 'cognito:groups': ['kiosk'], 'custom:stationId': 'st_1' })).toEqual({ sub: 'a', role: 'kiosk', stationId: 'st_1' });
    expect(principalFromClaims({ sub: 'a', 'cognito:groups': '[kiosk ops]' })).toEqual({ sub: 'a', role: 'ops' });
  });

  test('no usable identity: no principal', () => {
    expect(principalFromClaims(undefined)).toBeUndefined();
    expect(principalFromClaims({ 'cognito:groups': '[ops]' })).toBeUndefined();
    expect(principalFromClaims({ sub: 'a', 'cognito:groups': '[admins]' })).toBeUndefined();
    // A partner without a station could otherwise see everything.
    expect(principalFromClaims({ sub: 'a', 'cognito:groups': '[partner]' })).toBeUndefined();
  });
});

test('roles and stations', () => {
  expect(() => requireRole(undefined, ['ops'])).toThrow(expect.objectContaining({ status: 401 }));
  expect(() => requireRole({ sub: 'a', role: 'kiosk', stationId: 's' }, ['partner'])).toThrow(expect.objectContaining({ status: 403 }));
  expect(() => assertStationAccess({ sub: 'a', role: 'partner', stationId: 's1' }, 's2')).toThrow(expect.objectContaining({ status: 404 }));
  expect(() => assertStationAccess({ sub: 'a', role: 'ops' }, 's2')).not.toThrow();
});
