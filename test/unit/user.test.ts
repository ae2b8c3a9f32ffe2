import { describe, expect, test } from 'vitest';
import { changeUser, checkCode, checkRefresh, mayAskCode, newUser, type CodeState } from '#domain/user.ts';

const at = (iso: string) => new Date(iso);

describe('codes to one phone, in Asia/Shanghai natural windows', () => {
  const state = (sentAt: string[]): CodeState => ({ phone: '13800138000', wrongTries: 0, sentAt, version: 1 });

  test('1 a minute: the next one in the next clock minute, not 60 s later', () => {
    expect(mayAskCode(state(['2026-12-05T02:00:59Z']), at('2026-12-05T02:00:59.500Z')).ok).toBe(false);
    expect(mayAskCode(state(['2026-12-05T02:00:59Z']), at('2026-12-05T02:01:00Z')).ok).toBe(true);
  });

  test('5 an hour and 10 a day, the day being Shanghai’s (it begins at 16:00 UTC)', () => {
    const hour = ['02:01', '02:02', '02:03', '02:04', '02:05'].map((m) => `2026-12-05T${m}:00Z`);
    expect(mayAskCode(state(hour), at('2026-12-05T02:30:00Z')).ok).toBe(false);
    expect(mayAskCode(state(hour), at('2026-12-05T03:00:00Z')).ok).toBe(true);
    const day = [...hour, ...['03:01', '03:02', '03:03', '03:04', '03:05'].map((m) => `2026-12-05T${m}:00Z`)];
    expect(mayAskCode(state(day), at('2026-12-05T15:59:00Z')).ok).toBe(false);
    const next = mayAskCode(state(day), at('2026-12-05T16:00:00Z'));
    expect(next).toEqual({ ok: true, today: [] });
  });
});

test('a code: right, wrong, locked after 5 wrong tries, none once expired or used', () => {
  const now = at('2026-12-05T02:00:00Z');
  const code: CodeState = { phone: '1', codeHash: 'h', codeExpiresAt: '2026-12-05T02:05:00Z', wrongTries: 0, sentAt: [], version: 1 };
  expect(checkCode(code, true, now)).toBe('ok');
  expect(checkCode(code, false, now)).toBe('wrong');
  expect(checkCode({ ...code, wrongTries: 5 }, true, now)).toBe('locked');
  expect(checkCode(code, true, at('2026-12-05T02:05:00Z'))).toBe('none');
  const { codeHash: _used, ...used } = code;
  expect(checkCode(used, true, now)).toBe('none');
  expect(checkCode(undefined, true, now)).toBe('none');
});

test('moving, a new role, a new phone or disabling end the sign-ins (the session version goes up); a new name does not', () => {
  const now = at('2026-12-05T02:00:00Z');
  const { user } = newUser({ phone: '13800138000', name: '王', role: 'partner', stationId: 'st_A' }, 'usr_1', 'ops-1', now);
  expect(changeUser(user, { name: '王二' }, 'ops-1', now).user.sessionVersion).toBe(1);
  const moved = changeUser(user, { stationId: 'st_B' }, 'ops-1', now);
  expect(moved.user).toMatchObject({ stationId: 'st_B', sessionVersion: 2 });
  expect(moved.changes).toEqual([{ at: now.toISOString(), by: 'ops-1', what: 'moved', from: 'st_A', to: 'st_B' }]);
  expect(changeUser(user, { disabled: true }, 'ops-1', now).user.sessionVersion).toBe(2);
  expect(changeUser(user, { role: 'ops' }, 'ops-1', now).user).toMatchObject({ role: 'ops', sessionVersion: 2 });
  expect(changeUser(user, { role: 'ops' }, 'ops-1', now).user.stationId).toBeUndefined();
  expect(() => newUser({ phone: '1', name: 'x', role: 'partner' }, 'usr_2', 'ops-1', now)).toThrow(expect.objectContaining({ status: 422 }));
});

test('a refresh token: once, while its sign-in lasts and the user is as they were', () => {
  const now = at('2026-12-05T02:00:00Z');
  const { user } = newUser({ phone: '1', name: 'x', role: 'partner', stationId: 'st_A' }, 'usr_1', 'ops', now);
  const token = { tokenId: 'rt', familyId: 'ses', userId: 'usr_1', hash: 'h', validUntil: '2027-01-01T00:00:00Z' };
  const family = { familyId: 'ses', userId: 'usr_1', sessionVersion: 1 };
  expect(checkRefresh(token, family, user, true, now)).toBe('ok');
  expect(checkRefresh(token, family, user, false, now)).toBe('refused');
  expect(checkRefresh({ ...token, usedAt: now.toISOString() }, family, user, true, now)).toBe('reused');
  expect(checkRefresh(token, { ...family, revokedAt: now.toISOString() }, user, true, now)).toBe('refused');
  expect(checkRefresh(token, family, { ...user, sessionVersion: 2 }, true, now)).toBe('refused');
  expect(checkRefresh(token, family, { ...user, disabled: true }, true, now)).toBe('refused');
  expect(checkRefresh({ ...token, validUntil: '2026-12-01T00:00:00Z' }, family, user, true, now)).toBe('refused');
});
