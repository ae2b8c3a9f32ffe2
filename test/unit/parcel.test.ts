import { describe, expect, test } from 'vitest';
import { issueCode } from '#shared/codes.ts';
import { ConflictError } from '#shared/errors.ts';
import { erasedParcel, scanIn, unlockParcel, type Parcel } from '#domain/parcel.ts';
import { giveDeliveryPreference, type Villager } from '#domain/villager.ts';

/** docs/rules.md "Parcels": the delivery preference, its effect on a scan, and ops' unlock, without I/O. */
const now = new Date('2026-12-05T08:00:00Z');
const scanned = (villagerId: string | undefined, delivery: 'STATION' | 'HOME' | undefined): Parcel =>
  scanIn({
    parcelId: 'pcl_01JBENCH00000000000000000A',
    stationId: 'st_01JBENCH00000000000000000A',
    stationName: '大柘镇服务站',
    waybillNo: 'zt 1234 5678',
    courier: 'ZTO',
    recipientPhone: '13812345678',
    recipientName: '李秀兰',
    villagerId,
    delivery,
    seq: 0,
    keepDays: 7,
    feeFen: 30,
    code: issueCode('123456'),
    messageId: 'msg_01JBENCH00000000000000000A',
    now,
  }).parcel;

describe('delivery preference', () => {
  const villager: Villager = {
    villagerId: 'vl_01JBENCH00000000000000000A',
    stationId: 'st_01JBENCH00000000000000000A',
    name: '李秀兰',
    phone: '13812345678',
    villageId: 'vg_01JBENCH00000000000000000A',
    consentAt: '2026-01-01T00:00:00.000Z',
    createdAt: '2026-01-01T00:00:00.000Z',
    version: 3,
  };

  test('kept with when it was given, who recorded it and how (in person unless told); a new one replaces the last', () => {
    const home = giveDeliveryPreference(villager, { preference: 'HOME', via: 'PHONE_CALL' }, 'partner-1', now);
    expect(home.deliveryPreference).toEqual({ preference: 'HOME', givenAt: now.toISOString(), recordedBy: 'partner-1', via: 'PHONE_CALL' });
    expect(home.version).toBe(4);
    const later = new Date('2026-12-06T08:00:00Z');
    const back = giveDeliveryPreference(home, { preference: 'STATION' }, 'partner-2', later);
    expect(back.deliveryPreference).toEqual({ preference: 'STATION', givenAt: later.toISOString(), recordedBy: 'partner-2', via: 'IN_PERSON' });
  });

  test('a scan follows the registered villager’s HOME; a phone nobody registered stays at the station', () => {
    expect(scanned('vl_01JBENCH00000000000000000A', 'HOME').delivery).toBe('HOME');
    expect(scanned('vl_01JBENCH00000000000000000A', 'STATION').delivery).toBeUndefined();
    expect(scanned(undefined, 'HOME').delivery).toBeUndefined();
  });
});

describe('ops unlock a parcel', () => {
  const locked: Parcel = { ...scanned(undefined, undefined), wrongCodeAttempts: 5, lockedForOps: true };

  test('clears the wrong tries and keeps who, when, why and after how many', () => {
    const open = unlockParcel(locked, 'ops-1', ' 电话核实了 ', now);
    expect(open).toMatchObject({ lockedForOps: false, wrongCodeAttempts: 0, version: locked.version + 1 });
    expect(open.unlocks).toEqual([{ at: now.toISOString(), by: 'ops-1', reason: '电话核实了', wrongCodeAttempts: 5 }]);
    expect(() => unlockParcel(open, 'ops-1', '再来', now)).toThrow(ConflictError);
  });

  test('a parcel that is not locked, or has left the shelf, is refused', () => {
    expect(() => unlockParcel(scanned(undefined, undefined), 'ops-1', '核实', now)).toThrow(ConflictError);
    expect(() => unlockParcel({ ...locked, status: 'RETURNED' }, 'ops-1', '核实', now)).toThrow(ConflictError);
  });

  test("an erasure blanks what ops wrote, with the recipient's number and name", () => {
    const erased = erasedParcel(unlockParcel(locked, 'ops-1', '李秀兰本人来电', now));
    expect(JSON.stringify(erased)).not.toContain('李秀兰');
    expect(erased.unlocks?.[0]?.reason).toBe('***');
  });
});
