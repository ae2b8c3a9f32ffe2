import { expect, test } from 'vitest';
import { changeStation, createStation } from '#domain/station.ts';
import { registerVillager } from '#domain/villager.ts';

const now = new Date('2026-11-21T08:00:00Z');
const input = {
  name: '大柘镇服务站',
  county: '遂昌县',
  location: { lat: 28.51, lon: 119.38 },
  villages: [
    { name: '大柘村', location: { lat: 28.516, lon: 119.384 } },
    { name: '大田村', location: { lat: 28.531, lon: 119.402 } },
  ],
  commissionShareBp: 3000,
  cashLimitFen: 500_000_00,
};

test('a new station gets ids, the default road factor and version 1', () => {
  const s = createStation(input, now);
  expect(s.stationId).toMatch(/^st_[0-9A-Z]{26}$/);
  expect(new Set(s.villages.map((v) => v.villageId)).size).toBe(2);
  expect(s).toMatchObject({ roadFactor: 1.4, version: 1, createdAt: now.toISOString() });
});

test('changes keep what is not mentioned, bump the version, and never drop a village', () => {
  const s = createStation(input, now);
  const later = new Date('2026-11-22T08:00:00Z');
  const changed = changeStation(s, { cashLimitFen: 1 }, later);
  expect(changed).toMatchObject({ cashLimitFen: 1, commissionShareBp: 3000, version: 2, updatedAt: later.toISOString(), villages: s.villages });
  expect(() => changeStation(s, { villages: [s.villages[0]!] }, later)).toThrow(/大田村/);
  expect(() => changeStation(s, { villages: [...s.villages, { villageId: 'vg_NOPE', name: 'x', location: { lat: 0, lon: 0 } }] }, later)).toThrow(
    expect.objectContaining({ status: 422 }),
  );
});

test("a villager must live in one of the station's villages", () => {
  const s = createStation(input, now);
  const v = registerVillager(s, { name: '王秀英', villageId: s.villages[1]!.villageId, consent: true }, now);
  expect(v).toMatchObject({ stationId: s.stationId, consentAt: now.toISOString() });
  expect(v.phone).toBeUndefined();
  expect(() => registerVillager(s, { name: 'x', villageId: 'vg_ELSEWHERE', consent: true }, now)).toThrow(expect.objectContaining({ status: 422 }));
});
