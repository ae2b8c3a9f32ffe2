import { describe, expect, test } from 'vitest';
import { check, type Ack } from '#bench/load/check.ts';

/** A small day as the load test records it, and the table it should leave: then one thing planted at a time. */
const station = 'st_LOAD';
const acks: Ack[] = [
  { kind: 'place', stationId: station, key: 'k1', status: 201, id: 'ord_1', orderId: 'ord_1', drawerFen: 8_990, paidFen: 8_990 },
  { kind: 'place', stationId: station, key: 'k2', status: 201, id: 'ord_2', orderId: 'ord_2', drawerFen: 0, paidFen: 0 },
  { kind: 'pay', stationId: station, key: 'k3', status: 200, orderId: 'ord_2', drawerFen: 8_990, paidFen: 8_990 },
  { kind: 'remit', stationId: station, key: 'k4', status: 200, id: 'rem_1', drawerFen: -5_000 },
  { kind: 'bill', stationId: station, key: 'k5', status: 201, id: 'bp_1', drawerFen: 3_000 },
  { kind: 'bill', stationId: station, key: 'k6', status: 201, id: 'bp_2', drawerFen: 3_000 },
  { kind: 'ticket', stationId: station, key: 'k7', status: 201, id: 'wt_1', drawerFen: -2_400 },
  { kind: 'place', stationId: station, key: 'k8', status: 422, drawerFen: 100 },
  { kind: 'pickup', stationId: station, key: 'k9', status: 200, id: 'ord_2', drawerFen: 0 },
  { kind: 'parcel', stationId: station, key: 'k10', status: 201, id: 'pcl_1', drawerFen: 0 },
  { kind: 'parcel', stationId: station, key: 'k11', status: 201, id: 'pcl_2', drawerFen: 0 },
  { kind: 'parcel-pickup', stationId: station, key: 'k12', status: 200, id: 'pcl_1', drawerFen: 0 },
  { kind: 'parcel-pickup', stationId: station, key: 'k13', status: 409, id: 'pcl_2', drawerFen: 0 },
  { kind: 'run', stationId: station, key: 'k14', status: 201, id: 'run_1', drawerFen: 0 },
];
const items = () => [
  { pk: 'ORDER#ord_1', sk: 'ORDER', orderId: 'ord_1', stationId: station, paidFen: 8_990 },
  { pk: 'ORDER#ord_2', sk: 'ORDER', orderId: 'ord_2', stationId: station, paidFen: 8_990, status: 'PICKED_UP' },
  { pk: 'REMITTANCE#rem_1', sk: 'REMITTANCE', remittanceId: 'rem_1', stationId: station },
  { pk: 'BILLPAY#bp_1', sk: 'BILLPAY', billPaymentId: 'bp_1', stationId: station, status: 'PAID' },
  // Refused by the gateway: its cash was handed back.
  { pk: 'BILLPAY#bp_2', sk: 'BILLPAY', billPaymentId: 'bp_2', stationId: station, status: 'FAILED' },
  { pk: 'LOT#lot_1', sk: 'TICKET#wt_1', ticketId: 'wt_1' },
  { pk: `STATION#${station}`, sk: 'CASH', drawerFen: 8_990 + 8_990 - 5_000 + 3_000 - 2_400 },
  { pk: 'PARCEL#pcl_1', sk: 'PARCEL', parcelId: 'pcl_1', stationId: station, status: 'PICKED_UP' },
  { pk: 'PARCEL#pcl_2', sk: 'PARCEL', parcelId: 'pcl_2', stationId: station, status: 'AT_STATION' },
  { pk: `STATION#${station}`, sk: 'STATEMENT#2026-12', parcelsReceived: 2, parcelsHandedOver: 1 },
  { pk: 'RUN#run_1', sk: 'RUN', runId: 'run_1', stationId: station },
];
const view = (planted = items(), sms = ['msg_1', 'msg_2']) => ({ items: planted, smsOutIds: sms, billReferences: ['VS1'] });

describe('the load test’s checker', () => {
  test('a day as acknowledged: nothing to report', () => {
    expect(check(acks, view())).toEqual([]);
  });

  test('a planted duplicate is caught: an order placed twice for one acknowledged command, and its cash twice', () => {
    const planted = items();
    planted.push({ pk: 'ORDER#ord_1b', sk: 'ORDER', orderId: 'ord_1b', stationId: station, paidFen: 8_990 });
    planted.find((i) => i.sk === 'CASH')!.drawerFen! += 8_990;
    expect(check(acks, view(planted)).map((p) => p.rule)).toEqual(['unacknowledged', 'drawer']);
  });

  test('a planted loss is caught: an acknowledged payment missing from its order and the drawer, and an acknowledged remittance gone', () => {
    const planted = items().filter((i) => i.pk !== 'REMITTANCE#rem_1');
    planted.find((i) => i.orderId === 'ord_2')!.paidFen = 0;
    planted.find((i) => i.sk === 'CASH')!.drawerFen! -= 8_990;
    const problems = check(acks, view(planted));
    expect(problems.map((p) => p.rule).sort()).toEqual(['drawer', 'lost', 'paid']);
    expect(problems.find((p) => p.rule === 'lost')!.detail).toContain('rem_1');
  });

  test('a planted duplicate parcel is caught: scanned in twice for one acknowledged scan, and counted twice', () => {
    const planted = items();
    planted.push({ pk: 'PARCEL#pcl_1', sk: 'PARCEL', parcelId: 'pcl_1', stationId: station, status: 'PICKED_UP' });
    planted.find((i) => i.sk === 'STATEMENT#2026-12')!.parcelsReceived! += 1;
    const problems = check(acks, view(planted));
    expect(problems.map((p) => p.rule)).toEqual(['duplicate', 'counted']);
    expect(problems[0]!.detail).toContain('pcl_1');
  });

  test('delivery runs: a planted second run for one acknowledged plan, and an acknowledged run lost, are caught', () => {
    const twice = [...items(), { pk: 'RUN#run_1b', sk: 'RUN', runId: 'run_1b', stationId: station }];
    expect(check(acks, view(twice))).toEqual([{ rule: 'unacknowledged', detail: expect.stringContaining('run run_1b') }]);
    const lost = items().filter((i) => i.pk !== 'RUN#run_1');
    expect(check(acks, view(lost))).toEqual([{ rule: 'lost', detail: expect.stringContaining('run run_1') }]);
  });

  test('a parcel handed over twice is caught in the month’s count', () => {
    const planted = items();
    planted.find((i) => i.sk === 'STATEMENT#2026-12')!.parcelsHandedOver! += 1;
    expect(check(acks, view(planted)).map((p) => p.detail)).toEqual([expect.stringContaining('parcelsHandedOver 2')]);
  });

  test('a planted loss of hand-overs is caught: an acknowledged pick-up of a parcel and of an order not in the table', () => {
    const planted = items();
    planted.find((i) => i.parcelId === 'pcl_1')!.status = 'AT_STATION';
    planted.find((i) => i.orderId === 'ord_2')!.status = 'AT_STATION';
    planted.find((i) => i.sk === 'STATEMENT#2026-12')!.parcelsHandedOver = 0;
    const problems = check(acks, view(planted));
    expect(problems.map((p) => p.rule).sort()).toEqual(['counted', 'lost', 'lost']);
    expect(problems.map((p) => p.detail).join(' ')).toMatch(/order ord_2.*parcel pcl_1|parcel pcl_1.*order ord_2/);
  });

  test('a planted parcel no client was told of is caught, and so is a parcel picked up though the pick-up was refused', () => {
    const planted = items();
    planted.push({ pk: 'PARCEL#pcl_9', sk: 'PARCEL', parcelId: 'pcl_9', stationId: station, status: 'AT_STATION' });
    planted.find((i) => i.parcelId === 'pcl_2')!.status = 'PICKED_UP';
    expect(check(acks, view(planted)).map((p) => p.detail)).toEqual([
      expect.stringContaining('parcel pcl_9 is in the table but no client was told of it'),
      expect.stringContaining('parcel pcl_2 is picked up but no client was told of it'),
    ]);
  });

  test('a message sent twice at the gateway is caught', () => {
    expect(check(acks, view(items(), ['msg_1', 'msg_2', 'msg_1'])).map((p) => p.rule)).toEqual(['sms-twice']);
  });
});
