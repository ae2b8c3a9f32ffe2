import { randomUUID } from 'node:crypto';
import { beforeAll, expect, test } from 'vitest';
import { remindParcels } from '#functions/parcels/reminders.ts';
import { seedDemoData } from '#scripts/local/seed.ts';
import { addDays } from '#domain/time.ts';
import { useApi } from '../support/api.ts';
import { expectOk, unique } from '../support/fixture.ts';
import { expectProblem, freshStation, partnerCalls, thisMonth, type Day } from '../support/station-day.ts';
import { allItems } from '../support/table.ts';

/**
 * docs/rules.md "Parcels": couriers' parcels scanned in to a shelf slot, a
 * pickup code sent by SMS (kept only hashed), handed over by the code or by
 * the phone's last digits and the name, never twice; a wrong try counts
 * towards a lock; returned with a reason; the courier's fee earned once.
 */
const api = useApi({ outbox: true });
let day: Day;
let p: ReturnType<typeof partnerCalls>;

let phones = 0;
const newPhone = () => {
  phones += 1;
  return `137${String(Date.now() % 1e4).padStart(4, '0')}${String(phones).padStart(4, '0')}`;
};
const waybill = () =>
  unique('ZT')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .padEnd(14, '7');

const scan = (body: Record<string, unknown>, key: string | true = true, token = day.partner, stationId = day.stationId) =>
  api.call('POST', `/v1/stations/${stationId}/parcels`, { token, key, body: { courier: 'ZTO', ...body } });
const pickUp = (parcelId: string, body: Record<string, unknown>, key: string | true = true) =>
  api.call('POST', `/v1/parcels/${parcelId}/pickup`, { token: day.partner, key, body });
const sendBack = (parcelId: string, reason: string, key: string | true = true) =>
  api.call('POST', `/v1/parcels/${parcelId}/return`, { token: day.partner, key, body: { reason } });
const shelf = (query = '') => expectOk(api.call('GET', `/v1/stations/${day.stationId}/parcels?limit=100${query}`, { token: day.partner }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The pickup code as the recipient's phone got it (the stand-in gateway's own record). */
async function codeSentTo(phone: string): Promise<string> {
  const until = Date.now() + 15_000;
  for (;;) {
    const sent = (await api.sms.messages(phone)).filter((m) => m.templateCode === 'PARCEL_ARRIVED');
    if (sent.length) return sent.at(-1)!.params.code!;
    if (Date.now() > until) throw new Error(`no code reached ${phone}`);
    await sleep(100);
  }
}

beforeAll(async () => {
  day = await freshStation(api);
  p = partnerCalls(api, day);
});

test('a scan puts the parcel on a shelf slot, matched to the villager by phone; its code goes by SMS and is kept only hashed', async () => {
  const phone = newPhone();
  const villager = await expectOk(
    api.call('POST', `/v1/stations/${day.stationId}/villagers`, {
      token: day.partner,
      key: true,
      body: { name: '李秀兰', phone, villageId: day.station.villages[0].villageId, consent: true },
    }),
    201,
  );
  const no = waybill();
  const parcel = await expectOk(scan({ waybillNo: no, recipientPhone: phone, recipientName: '李秀兰' }), 201);
  expect(parcel).toMatchObject({ status: 'AT_STATION', villagerId: villager.villagerId, messageStatus: 'QUEUED', waybillNo: no, feeFen: 30 });
  expect(parcel.shelf).toMatch(/^[A-H]-[1-5]-\d{3}$/);
  expect(parcel.recipientPhoneMasked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
  const code = await codeSentTo(phone);
  expect(code).toMatch(/^\d{6}$/);
  const item = (await allItems()).find((i) => i.pk === `PARCEL#${parcel.parcelId}`)!;
  expect(JSON.stringify(item)).not.toContain(code);
  expect(String(item.pickupCodeHash)).toMatch(/^s256\$/);
  expect(JSON.stringify(parcel)).not.toMatch(/pickupCode|Hash/);

  // The same waybill again is the same parcel; another slot is not taken.
  const again = await scan({ waybillNo: no.toLowerCase(), recipientPhone: phone, recipientName: '李秀兰' });
  expect(again.status).toBe(200);
  expect(again.body).toMatchObject({ parcelId: parcel.parcelId, shelf: parcel.shelf });
  // At another station: 409.
  const other = await freshStation(api);
  expectProblem(await scan({ waybillNo: no, recipientPhone: phone }, true, other.partner, other.stationId), 409, 'parcel-elsewhere');
  // Slots go on: the next parcel has the next one.
  const next = await expectOk(scan({ waybillNo: waybill(), recipientPhone: newPhone() }), 201);
  expect(next.shelf).not.toBe(parcel.shelf);
  expect(next.villagerId).toBeUndefined();
});

test('a retry of a scan (same key) answers the same parcel, written once', async () => {
  const key = randomUUID();
  const body = { waybillNo: waybill(), recipientPhone: newPhone(), recipientName: '张伟' };
  const first = await expectOk(scan(body, key), 201);
  const again = await scan(body, key);
  expect(again.status).toBe(201);
  expect(again.headers.get('idempotent-replayed')).toBe('true');
  expect(again.body).toMatchObject({ parcelId: first.parcelId, shelf: first.shelf });
});

test('twenty scans of one waybill at once: one parcel, one slot, counted once', async () => {
  const before = await p.statement(thisMonth());
  const body = { waybillNo: waybill(), recipientPhone: newPhone(), recipientName: '赵强' };
  const answers = await Promise.all(Array.from({ length: 20 }, () => scan(body)));
  for (const a of answers) expect([200, 201], JSON.stringify(a.body)).toContain(a.status);
  expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
  expect(new Set(answers.map((a) => a.body.parcelId)).size).toBe(1);
  expect(new Set(answers.map((a) => a.body.shelf)).size).toBe(1);
  const items = (await allItems()).filter((i) => i.type === 'parcel' && i.waybillNo === body.waybillNo);
  expect(items).toHaveLength(1);
  const after = await p.statement(thisMonth());
  expect(after.parcelsReceived - before.parcelsReceived).toBe(1);
});

test('pick-up by code: PICKED_UP, the courier fee earned once; never picked up again', async () => {
  const phone = newPhone();
  const parcel = await expectOk(scan({ waybillNo: waybill(), recipientPhone: phone, recipientName: '钱多多' }), 201);
  const code = await codeSentTo(phone);
  const cashBefore = await p.cash();
  const before = await p.statement(thisMonth());
  const key = randomUUID();
  const done = await expectOk(pickUp(parcel.parcelId, { pickupCode: code }, key));
  expect(done).toMatchObject({ parcelId: parcel.parcelId, status: 'PICKED_UP', releasedBy: 'CODE' });
  // A retry replays; a new request is refused.
  const replay = await pickUp(parcel.parcelId, { pickupCode: code }, key);
  expect(replay.status).toBe(200);
  expect(replay.headers.get('idempotent-replayed')).toBe('true');
  expectProblem(await pickUp(parcel.parcelId, { pickupCode: code }), 409, 'parcel-gone');
  expectProblem(await sendBack(parcel.parcelId, '不要了'), 409, 'parcel-gone');
  const cashAfter = await p.cash();
  expect(cashAfter.commissionEarnedFen - cashBefore.commissionEarnedFen).toBe(30);
  expect(cashAfter.dueToPlatformFen - cashBefore.dueToPlatformFen).toBe(-30);
  expect(cashAfter.drawerFen).toBe(cashBefore.drawerFen);
  const after = await p.statement(thisMonth());
  expect(after.parcelsHandedOver - before.parcelsHandedOver).toBe(1);
  expect(after.parcelFeesFen - before.parcelFeesFen).toBe(30);
  const fees = (await allItems()).filter((i) => i.type === 'entry' && i.parcelId === parcel.parcelId);
  expect(fees).toHaveLength(1);
  expect(fees[0]).toMatchObject({ kind: 'PARCEL_FEE' });
});

test("a courier's own fee (ops) is what its parcels earn", async () => {
  const code = `C${unique('')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(-8)}`;
  const put = await api.call('PUT', `/v1/couriers/${code}`, { token: day.ops, body: { name: '极兔速递', parcelFeeFen: 50 } });
  expect(put.status).toBe(201);
  expect(put.body).toMatchObject({ code, parcelFeeFen: 50 });
  expect((await api.call('PUT', `/v1/couriers/${code}`, { token: day.ops, body: { name: '极兔速递', parcelFeeFen: 45 } })).status).toBe(200);
  const plain = await expectOk(api.call('PUT', `/v1/couriers/D${code.slice(1)}`, { token: day.ops, body: { name: '德邦' } }), 201);
  expect(plain.parcelFeeFen).toBe(30);
  const parcel = await expectOk(scan({ waybillNo: waybill(), courier: code, recipientPhone: newPhone() }), 201);
  expect(parcel.feeFen).toBe(45);
  const list = await expectOk(api.call('GET', '/v1/couriers?limit=100', { token: day.partner }));
  expect(list.items.map((c: { code: string }) => c.code)).toContain(code);
  // A partner does not set fees.
  expectProblem(await api.call('PUT', `/v1/couriers/${code}`, { token: day.partner, body: { name: 'x', parcelFeeFen: 1 } }), 403);
});

test('pick-up by the last 4 digits and the name: recorded and counted in the risk view; a wrong name is a wrong try', async () => {
  const phone = newPhone();
  const parcel = await expectOk(scan({ waybillNo: waybill(), recipientPhone: phone, recipientName: '孙丽' }), 201);
  const wrong = await pickUp(parcel.parcelId, { phoneLast4: phone.slice(-4), recipientName: '孙力' });
  expectProblem(wrong, 422, 'wrong-pickup-code');
  const done = await expectOk(pickUp(parcel.parcelId, { phoneLast4: phone.slice(-4), recipientName: '孙 丽' }));
  expect(done).toMatchObject({ status: 'PICKED_UP', releasedBy: 'PHONE_DIGITS', wrongCodeAttempts: 1 });
  const risk = await expectOk(api.call('GET', `/v1/risk?limit=100`, { token: day.ops }));
  const mine = risk.items.find((i: { stationId: string }) => i.stationId === day.stationId);
  const signals = Object.fromEntries(mine.signals.map((s: { signal: string; count: number }) => [s.signal, s.count]));
  expect(signals.parcelsByPhoneDigits).toBeGreaterThanOrEqual(1);
  expect(signals.wrongCodes).toBeGreaterThanOrEqual(1);
  // Neither proof given: 400, naming the field.
  const neither = await pickUp(parcel.parcelId, { phoneLast4: '1234' });
  expect(neither.status).toBe(400);
});

test("several of one villager's parcels are handed over together; another recipient's may not join them", async () => {
  const phone = newPhone();
  const a = await expectOk(scan({ waybillNo: waybill(), recipientPhone: phone, recipientName: '周杰' }), 201);
  const b = await expectOk(scan({ waybillNo: waybill(), recipientPhone: phone, recipientName: '周杰' }), 201);
  const c = await expectOk(scan({ waybillNo: waybill(), recipientPhone: phone, recipientName: '周杰' }), 201);
  const stranger = await expectOk(scan({ waybillNo: waybill(), recipientPhone: newPhone(), recipientName: '吴' }), 201);
  const byDigits = await shelf(`&phoneLast4=${phone.slice(-4)}`);
  expect(byDigits.items.map((x: { parcelId: string }) => x.parcelId)).toEqual(expect.arrayContaining([a.parcelId, b.parcelId, c.parcelId]));
  expectProblem(
    await pickUp(a.parcelId, { phoneLast4: phone.slice(-4), recipientName: '周杰', alsoParcelIds: [stranger.parcelId] }),
    422,
    'parcels-not-together',
  );
  const before = await p.statement(thisMonth());
  const done = await expectOk(pickUp(a.parcelId, { phoneLast4: phone.slice(-4), recipientName: '周杰', alsoParcelIds: [b.parcelId, c.parcelId, b.parcelId] }));
  expect(done.status).toBe('PICKED_UP');
  expect(done.alsoPickedUp.map((x: { parcelId: string; status: string }) => [x.parcelId, x.status])).toEqual([
    [b.parcelId, 'PICKED_UP'],
    [c.parcelId, 'PICKED_UP'],
  ]);
  const after = await p.statement(thisMonth());
  expect(after.parcelsHandedOver - before.parcelsHandedOver).toBe(3);
  expect(after.parcelFeesFen - before.parcelFeesFen).toBe(90);
});

test('a wrong pickup code counts towards a lock, like a delivery code; a locked parcel refuses even the right one', async () => {
  const phone = newPhone();
  const parcel = await expectOk(scan({ waybillNo: waybill(), recipientPhone: phone }), 201);
  const code = await codeSentTo(phone);
  const wrong = code === '000000' ? '000001' : '000000';
  // A retry of one wrong try (same key) is not counted twice.
  const key = randomUUID();
  expectProblem(await pickUp(parcel.parcelId, { pickupCode: wrong }, key), 422, 'wrong-pickup-code');
  expectProblem(await pickUp(parcel.parcelId, { pickupCode: wrong }, key), 422, 'wrong-pickup-code');
  for (let i = 0; i < 3; i++) expectProblem(await pickUp(parcel.parcelId, { pickupCode: wrong }), 422, 'wrong-pickup-code');
  expectProblem(await pickUp(parcel.parcelId, { pickupCode: wrong }), 422, 'parcel-locked');
  expectProblem(await pickUp(parcel.parcelId, { pickupCode: code }), 409, 'parcel-locked');
  const read = await expectOk(api.call('GET', `/v1/parcels/${parcel.parcelId}`, { token: day.partner }));
  expect(read).toMatchObject({ status: 'AT_STATION', wrongCodeAttempts: 5, lockedForOps: true });
});

test('returned to the courier with a reason; the shelf lists what is kept, oldest first', async () => {
  const before = await p.statement(thisMonth());
  const parcel = await expectOk(scan({ waybillNo: waybill(), recipientPhone: newPhone() }), 201);
  const kept = await shelf('&status=AT_STATION');
  expect(kept.items.map((x: { parcelId: string }) => x.parcelId)).toContain(parcel.parcelId);
  const times = kept.items.map((x: { scannedAt: string }) => x.scannedAt);
  expect([...times].sort()).toEqual(times);
  const back = await expectOk(sendBack(parcel.parcelId, '超过保管期，退回快递'));
  expect(back).toMatchObject({ status: 'RETURNED', returnReason: '超过保管期，退回快递' });
  expectProblem(await pickUp(parcel.parcelId, { pickupCode: '123456' }), 409, 'parcel-gone');
  const returned = await shelf('&status=RETURNED');
  expect(returned.items.map((x: { parcelId: string }) => x.parcelId)).toContain(parcel.parcelId);
  expect((await shelf('&status=AT_STATION')).items.map((x: { parcelId: string }) => x.parcelId)).not.toContain(parcel.parcelId);
  const after = await p.statement(thisMonth());
  expect(after.parcelsReturned - before.parcelsReturned).toBe(1);
  // Nothing is due back yet: the station keeps them 7 days.
  expect((await shelf('&dueBack=true')).items).toEqual([]);
});

test('the day-3 reminder goes once, only for parcels still on the shelf', async () => {
  const phone = newPhone();
  const kept = await expectOk(scan({ waybillNo: waybill(), recipientPhone: phone, recipientName: '冯' }), 201);
  const gone = await expectOk(scan({ waybillNo: waybill(), recipientPhone: phone, recipientName: '冯' }), 201);
  await expectOk(sendBack(gone.parcelId, '拒收'));
  const early = await remindParcels(addDays(new Date(), 1));
  expect(early.reminded).toBe(0);
  const day3 = addDays(new Date(), 2.01);
  const [first, second] = await Promise.all([remindParcels(day3), remindParcels(day3)]);
  const read = await expectOk(api.call('GET', `/v1/parcels/${kept.parcelId}`, { token: day.partner }));
  expect(read.remindedAt).toBeDefined();
  expect(first.reminded + second.reminded).toBeGreaterThanOrEqual(1);
  await remindParcels(day3);
  const until = Date.now() + 15_000;
  const reminded = async () => (await api.sms.messages(phone)).filter((m) => m.templateCode === 'PARCEL_REMINDER');
  while (Date.now() < until && (await reminded()).length === 0) await sleep(100);
  await sleep(500);
  const reminders = await reminded();
  expect(reminders).toHaveLength(1);
});

test("erasing a villager masks the recipient's phone and name on their parcels", async () => {
  const phone = newPhone();
  const villager = await expectOk(
    api.call('POST', `/v1/stations/${day.stationId}/villagers`, {
      token: day.partner,
      key: true,
      body: { name: '郑秀珍', phone, villageId: day.station.villages[0].villageId, consent: true },
    }),
    201,
  );
  const parcel = await expectOk(scan({ waybillNo: waybill(), recipientPhone: phone, recipientName: '郑秀珍' }), 201);
  await expectOk(api.call('DELETE', `/v1/stations/${day.stationId}/villagers/${villager.villagerId}`, { token: day.partner, key: true }), 204);
  const read = await expectOk(api.call('GET', `/v1/parcels/${parcel.parcelId}`, { token: day.partner }));
  expect(read.recipientName).toBeUndefined();
  expect(read.villagerId).toBeUndefined();
  expect(read.phoneLast4).toBe('');
  const items = (await allItems()).filter((i) => JSON.stringify(i).includes(phone) || JSON.stringify(i).includes('郑秀珍'));
  expect(items.map((i) => `${i.pk} ${i.sk}`)).toEqual([]);
  // Nobody can claim it by the digits and the name any more.
  expectProblem(await pickUp(parcel.parcelId, { phoneLast4: phone.slice(-4), recipientName: '郑秀珍' }), 422, 'wrong-pickup-code');
});

test("another station's partner cannot see or pick up the parcel", async () => {
  const parcel = await expectOk(scan({ waybillNo: waybill(), recipientPhone: newPhone() }), 201);
  const other = await freshStation(api);
  expect((await api.call('GET', `/v1/parcels/${parcel.parcelId}`, { token: other.partner })).status).toBe(404);
  expect((await api.call('POST', `/v1/parcels/${parcel.parcelId}/pickup`, { token: other.partner, key: true, body: { pickupCode: '123456' } })).status).toBe(
    404,
  );
});

test("a villager's delivery preference is kept with when it was given, who recorded it and how; parcels scanned afterwards follow it", async () => {
  const phone = newPhone();
  const villager = await expectOk(
    api.call('POST', `/v1/stations/${day.stationId}/villagers`, {
      token: day.partner,
      key: true,
      body: { name: '何春花', phone, villageId: day.station.villages[0].villageId, consent: true },
    }),
    201,
  );
  const prefer = (body: unknown, key: string | true = true, token = day.partner, stationId = day.stationId) =>
    api.call('PUT', `/v1/stations/${stationId}/villagers/${villager.villagerId}/delivery-preference`, {
      token,
      key,
      body,
      headers: { 'accept-language': 'zh-CN' },
    });

  const before = await expectOk(scan({ waybillNo: waybill(), recipientPhone: phone }), 201);
  expect(before.delivery).toBe('STATION');

  const given = await expectOk(prefer({ preference: 'HOME', via: 'PHONE_CALL' }));
  expect(given.deliveryPreference).toMatchObject({ preference: 'HOME', via: 'PHONE_CALL', recordedBy: expect.any(String) });
  expect(Date.parse(given.deliveryPreference.givenAt)).toBeGreaterThan(Date.now() - 60_000);
  const read = await expectOk(api.call('GET', `/v1/stations/${day.stationId}/villagers/${villager.villagerId}`, { token: day.partner }));
  expect(read.deliveryPreference).toEqual(given.deliveryPreference);

  const after = await expectOk(scan({ waybillNo: waybill(), recipientPhone: phone }), 201);
  expect(after.delivery).toBe('HOME');
  // A parcel for a phone nobody registered stays at the station.
  expect((await expectOk(scan({ waybillNo: waybill(), recipientPhone: newPhone() }), 201)).delivery).toBe('STATION');

  // Bad input: a clear 400 in Chinese, nothing written.
  const bad = await prefer({ preference: 'BOAT' });
  expectProblem(bad, 400);
  expect(JSON.stringify(bad.body)).toMatch(/[\u4e00-\u9fff]/);
  const still = await expectOk(api.call('GET', `/v1/stations/${day.stationId}/villagers/${villager.villagerId}`, { token: day.partner }));
  expect(still.deliveryPreference).toEqual(given.deliveryPreference);

  // Back to the station: a new consent, with its own time.
  const back = await expectOk(prefer({ preference: 'STATION' }));
  expect(back.deliveryPreference).toMatchObject({ preference: 'STATION', via: 'IN_PERSON' });
  expect((await expectOk(scan({ waybillNo: waybill(), recipientPhone: phone }), 201)).delivery).toBe('STATION');

  // Another station's partner cannot give it.
  const other = await freshStation(api);
  expectProblem(await prefer({ preference: 'HOME' }, true, other.partner, day.stationId), 404);
});

test('parcels of villagers who chose HOME join the delivery run as stops, handed over at the door with the pickup code (the same lock); the fee is earned once', async () => {
  const home = await freshStation(api);
  const hp = partnerCalls(api, home);
  const register = async (name: string, village: number) => {
    const phone = newPhone();
    const v = await expectOk(
      api.call('POST', `/v1/stations/${home.stationId}/villagers`, {
        token: home.partner,
        key: true,
        body: { name, phone, villageId: home.station.villages[village].villageId, consent: true },
      }),
      201,
    );
    await expectOk(
      api.call('PUT', `/v1/stations/${home.stationId}/villagers/${v.villagerId}/delivery-preference`, {
        token: home.partner,
        key: true,
        body: { preference: 'HOME' },
      }),
    );
    return { ...v, phone };
  };
  const a = await register('赵大山', 0);
  const b = await register('钱小红', 1);
  const scanAt = async (phone: string, name: string) =>
    expectOk(scan({ waybillNo: waybill(), recipientPhone: phone, recipientName: name }, true, home.partner, home.stationId), 201);
  const pa = await scanAt(a.phone, '赵大山');
  const pb = await scanAt(b.phone, '钱小红');
  const codeA = await codeSentTo(a.phone);
  const codeB = await codeSentTo(b.phone);

  const run = await expectOk(
    api.call('POST', `/v1/stations/${home.stationId}/delivery-runs`, { token: home.partner, key: true, body: { date: '2026-12-24', capacityKg: 500 } }),
    201,
  );
  const stops = run.trips.flatMap((t: any) => t.stops);
  const stopOf = (parcelId: string) => stops.find((s: any) => (s.parcelIds ?? []).includes(parcelId));
  expect(stopOf(pa.parcelId).villageId).toBe(home.station.villages[0].villageId);
  expect(stopOf(pb.parcelId).villageId).toBe(home.station.villages[1].villageId);
  expect(run.summary.parcels).toBe(2);
  const onRun = await expectOk(api.call('GET', `/v1/parcels/${pa.parcelId}`, { token: home.partner }));
  expect(onRun).toMatchObject({ runId: run.runId, status: 'AT_STATION', delivery: 'HOME' });
  // Planned once: a second run does not take them again.
  expectProblem(
    await api.call('POST', `/v1/stations/${home.stationId}/delivery-runs`, { token: home.partner, key: true, body: { date: '2026-12-24', capacityKg: 500 } }),
    422,
    'nothing-to-deliver',
  );
  await expectOk(api.call('POST', `/v1/delivery-runs/${run.runId}/start`, { token: home.partner, key: true }));
  const complete = (stopId: string, body: unknown, key: string | true = true) =>
    api.call('POST', `/v1/delivery-runs/${run.runId}/stops/${stopId}/complete`, { token: home.partner, key, body });

  // Every parcel of the stop is recorded, with a code to hand it over.
  expectProblem(await complete(stopOf(pa.parcelId).stopId, { deliveries: [] }), 422, 'stop-incomplete');
  expectProblem(
    await complete(stopOf(pa.parcelId).stopId, { deliveries: [], parcels: [{ parcelId: pa.parcelId, outcome: 'DELIVERED' }] }),
    422,
    'stop-incomplete',
  );
  // A wrong code at the door is a wrong try on the parcel, as at the counter.
  const wrong = codeA === '000000' ? '111111' : '000000';
  expectProblem(
    await complete(stopOf(pa.parcelId).stopId, { deliveries: [], parcels: [{ parcelId: pa.parcelId, outcome: 'DELIVERED', pickupCode: wrong }] }),
    422,
    'wrong-delivery-code',
  );
  expect((await expectOk(api.call('GET', `/v1/parcels/${pa.parcelId}`, { token: home.partner }))).wrongCodeAttempts).toBe(1);

  const key = randomUUID();
  const body = { deliveries: [], parcels: [{ parcelId: pa.parcelId, outcome: 'DELIVERED', pickupCode: codeA }] };
  const done = await expectOk(complete(stopOf(pa.parcelId).stopId, body, key));
  expect(done.stop.outcome.parcelsHandedOver).toEqual([pa.parcelId]);
  // The same request again: the same answer, the fee not earned twice.
  expect((await expectOk(complete(stopOf(pa.parcelId).stopId, body, key))).stop).toEqual(done.stop);
  expect(await expectOk(api.call('GET', `/v1/parcels/${pa.parcelId}`, { token: home.partner }))).toMatchObject({
    status: 'PICKED_UP',
    releasedBy: 'CODE',
  });
  const fees = (await allItems()).filter((i) => i.type === 'entry' && i.parcelId === pa.parcelId);
  expect(fees).toHaveLength(1);

  // Nobody home: back on the shelf, off the run, for the next run or the counter.
  await expectOk(complete(stopOf(pb.parcelId).stopId, { deliveries: [], parcels: [{ parcelId: pb.parcelId, outcome: 'FAILED', reason: '家里没人' }] }));
  const back = await expectOk(api.call('GET', `/v1/parcels/${pb.parcelId}`, { token: home.partner }));
  expect(back.status).toBe('AT_STATION');
  expect(back.runId).toBeUndefined();
  await expectOk(api.call('POST', `/v1/parcels/${pb.parcelId}/pickup`, { token: home.partner, key: true, body: { pickupCode: codeB } }));
  const statement = await hp.statement(thisMonth());
  expect(statement).toMatchObject({ parcelsReceived: 2, parcelsHandedOver: 2, parcelFeesFen: 60 });
});

/** A villager of the station who asked for their parcels at home (their consent), with their phone. */
async function homeVillager(at: Day, name: string, village = 0) {
  const phone = newPhone();
  const v = await expectOk(
    api.call('POST', `/v1/stations/${at.stationId}/villagers`, {
      token: at.partner,
      key: true,
      body: { name, phone, villageId: at.station.villages[village].villageId, consent: true },
    }),
    201,
  );
  await expectOk(
    api.call('PUT', `/v1/stations/${at.stationId}/villagers/${v.villagerId}/delivery-preference`, {
      token: at.partner,
      key: true,
      body: { preference: 'HOME' },
    }),
  );
  return { ...v, phone } as { villagerId: string; phone: string };
}

test('a parcel on a run picked up at the counter can no longer be delivered at the door (409, said in Chinese); one delivered at the door is refused at the counter (409); the fee once each', async () => {
  const home = await freshStation(api);
  const a = await homeVillager(home, '孙大河', 0);
  const b = await homeVillager(home, '李小溪', 1);
  const scanAt = async (phone: string, name: string) =>
    expectOk(scan({ waybillNo: waybill(), recipientPhone: phone, recipientName: name }, true, home.partner, home.stationId), 201);
  const pa = await scanAt(a.phone, '孙大河');
  const pb = await scanAt(b.phone, '李小溪');
  const codeA = await codeSentTo(a.phone);
  const codeB = await codeSentTo(b.phone);
  const run = await expectOk(
    api.call('POST', `/v1/stations/${home.stationId}/delivery-runs`, { token: home.partner, key: true, body: { date: '2026-12-24', capacityKg: 500 } }),
    201,
  );
  const stopOf = (parcelId: string) => run.trips.flatMap((t: any) => t.stops).find((s: any) => (s.parcelIds ?? []).includes(parcelId));
  await expectOk(api.call('POST', `/v1/delivery-runs/${run.runId}/start`, { token: home.partner, key: true }));
  const complete = (stopId: string, body: unknown) =>
    api.call('POST', `/v1/delivery-runs/${run.runId}/stops/${stopId}/complete`, {
      token: home.partner,
      key: true,
      body,
      headers: { 'accept-language': 'zh-CN' },
    });
  const counter = (parcelId: string, pickupCode: string) =>
    api.call('POST', `/v1/parcels/${parcelId}/pickup`, { token: home.partner, key: true, body: { pickupCode }, headers: { 'accept-language': 'zh-CN' } });
  const feesOf = async (parcelId: string) => (await allItems()).filter((i) => i.type === 'entry' && i.parcelId === parcelId);

  // The villager came to the counter although the parcel was on the run: handed over there.
  await expectOk(counter(pa.parcelId, codeA));
  // At the door the stop can no longer hand it over: a 409 that says why, in Chinese; nothing counted as a wrong try.
  const late = await complete(stopOf(pa.parcelId).stopId, { deliveries: [], parcels: [{ parcelId: pa.parcelId, outcome: 'DELIVERED', pickupCode: codeA }] });
  expectProblem(late, 409, 'parcel-gone');
  expect(`${late.body.title} ${late.body.detail}`).toMatch(/已经在站点取走/);
  const picked = await expectOk(api.call('GET', `/v1/parcels/${pa.parcelId}`, { token: home.partner }));
  expect(picked).toMatchObject({ status: 'PICKED_UP', wrongCodeAttempts: 0 });
  // The stop records it as not delivered (nothing to bring back), and the fee stays earned once.
  const recorded = await expectOk(
    complete(stopOf(pa.parcelId).stopId, { deliveries: [], parcels: [{ parcelId: pa.parcelId, outcome: 'FAILED', reason: '已在站点取走' }] }),
  );
  expect(recorded.stop.outcome.parcelsFailed).toEqual([{ parcelId: pa.parcelId, reason: '已在站点取走' }]);
  expect((await expectOk(api.call('GET', `/v1/parcels/${pa.parcelId}`, { token: home.partner }))).status).toBe('PICKED_UP');
  expect(await feesOf(pa.parcelId)).toHaveLength(1);

  // The other way round: handed over at the door, then someone asks for it at the counter with the same code.
  await expectOk(complete(stopOf(pb.parcelId).stopId, { deliveries: [], parcels: [{ parcelId: pb.parcelId, outcome: 'DELIVERED', pickupCode: codeB }] }));
  const again = await counter(pb.parcelId, codeB);
  expectProblem(again, 409, 'parcel-gone');
  expect(`${again.body.title} ${again.body.detail}`).toMatch(/已经送上门/);
  expect(await feesOf(pb.parcelId)).toHaveLength(1);
  expect(await partnerCalls(api, home).statement(thisMonth())).toMatchObject({ parcelsHandedOver: 2, parcelFeesFen: 60 });
});

test('the run sheet lists a HOME parcel by waybill tail, shelf slot and recipient, never its code; dropped from the planned run (once) it goes back to the shelf, pickable', async () => {
  const home = await freshStation(api);
  const a = await homeVillager(home, '周山泉', 0);
  const pa = await expectOk(scan({ waybillNo: waybill(), recipientPhone: a.phone, recipientName: '周山泉' }, true, home.partner, home.stationId), 201);
  const code = await codeSentTo(a.phone);
  const run = await expectOk(
    api.call('POST', `/v1/stations/${home.stationId}/delivery-runs`, { token: home.partner, key: true, body: { date: '2026-12-24', capacityKg: 500 } }),
    201,
  );
  const sheet = await expectOk(api.call('GET', `/v1/delivery-runs/${run.runId}/sheet`, { token: home.partner }));
  const rows = sheet.trips.flatMap((t: any) => t.stops.flatMap((s: any) => s.courierParcels));
  expect(rows).toEqual([
    expect.objectContaining({
      parcelId: pa.parcelId,
      waybillTail: pa.waybillNo.slice(-4),
      shelf: pa.shelf,
      recipientName: '周山泉',
      phoneLast4: a.phone.slice(-4),
    }),
  ]);
  expect(JSON.stringify(sheet)).not.toContain(code);

  // Either an order or a parcel, not neither.
  expectProblem(await api.call('POST', `/v1/delivery-runs/${run.runId}/drop`, { token: home.partner, key: true, body: {} }), 400);
  const key = randomUUID();
  const drop = () => api.call('POST', `/v1/delivery-runs/${run.runId}/drop`, { token: home.partner, key, body: { parcelId: pa.parcelId } });
  const [first, second] = await Promise.all([drop(), drop()]);
  const dropped = await expectOk(Promise.resolve(first.status === 200 ? first : second));
  expect(dropped.trips.flatMap((t: any) => t.stops.flatMap((s: any) => s.parcelIds ?? []))).toEqual([]);
  expect(dropped.summary.parcels).toBe(0);
  const again = await expectOk(drop());
  expect(again.version).toBe(dropped.version);
  const back = await expectOk(api.call('GET', `/v1/parcels/${pa.parcelId}`, { token: home.partner }));
  expect(back.status).toBe('AT_STATION');
  expect(back.runId).toBeUndefined();
  // Off the run with another key: refused, it is not on it.
  expectProblem(
    await api.call('POST', `/v1/delivery-runs/${run.runId}/drop`, { token: home.partner, key: true, body: { parcelId: pa.parcelId } }),
    422,
    'not-on-run',
  );
  // Back on the shelf: the next run takes it again, and the counter can hand it over (fee once).
  const next = await expectOk(
    api.call('POST', `/v1/stations/${home.stationId}/delivery-runs`, { token: home.partner, key: true, body: { date: '2026-12-25', capacityKg: 500 } }),
    201,
  );
  expect(next.trips.flatMap((t: any) => t.stops.flatMap((s: any) => s.parcelIds ?? []))).toEqual([pa.parcelId]);
  await expectOk(api.call('POST', `/v1/parcels/${pa.parcelId}/pickup`, { token: home.partner, key: true, body: { pickupCode: code } }));
  expect((await allItems()).filter((i) => i.type === 'entry' && i.parcelId === pa.parcelId)).toHaveLength(1);
});

test('ops list the parcels locked by wrong codes and unlock one with a reason (kept: who, when, why); partners cannot', async () => {
  const phone = newPhone();
  const parcel = await expectOk(scan({ waybillNo: waybill(), recipientPhone: phone }), 201);
  const code = await codeSentTo(phone);
  const wrong = code === '000000' ? '000001' : '000000';
  for (let i = 0; i < 5; i++) await pickUp(parcel.parcelId, { pickupCode: wrong });
  const locked = await expectOk(api.call('GET', `/v1/stations/${day.stationId}/parcels?locked=true&limit=100`, { token: day.ops }));
  expect(locked.items.map((p: { parcelId: string }) => p.parcelId)).toContain(parcel.parcelId);
  expect(locked.items.every((p: { lockedForOps: boolean }) => p.lockedForOps)).toBe(true);

  const unlock = (body: unknown, token = day.ops, key: string | true = true) =>
    api.call('POST', `/v1/parcels/${parcel.parcelId}/unlock`, { token, key, body, headers: { 'accept-language': 'zh-CN' } });
  expectProblem(await unlock({ reason: '核实过了' }, day.partner), 403);
  const noReason = await unlock({});
  expectProblem(noReason, 400);
  expect(JSON.stringify(noReason.body)).toMatch(/[\u4e00-\u9fff]/);
  expect(await expectOk(api.call('GET', `/v1/parcels/${parcel.parcelId}`, { token: day.ops }))).toMatchObject({ lockedForOps: true, wrongCodeAttempts: 5 });

  const key = randomUUID();
  const opened = await expectOk(unlock({ reason: '电话核实了收件人' }, day.ops, key));
  expect(opened).toMatchObject({ lockedForOps: false, wrongCodeAttempts: 0, lastUnlock: { reason: '电话核实了收件人', wrongCodeAttempts: 5 } });
  expect(opened.lastUnlock.by).toEqual(expect.any(String));
  expect(await expectOk(unlock({ reason: '电话核实了收件人' }, day.ops, key))).toEqual(opened);
  // Not locked any more: a second unlock is refused, and the right code now hands it over.
  expectProblem(await unlock({ reason: '再解一次' }), 409, 'not-locked');
  await expectOk(pickUp(parcel.parcelId, { pickupCode: code }));
});

test("the local demo data brings the couriers villagers' parcels come with, and seeding again keeps what ops changed", async () => {
  await seedDemoData();
  const list = await expectOk(api.call('GET', '/v1/couriers?limit=100', { token: day.partner }));
  const byCode = new Map(list.items.map((c: { code: string; name: string; parcelFeeFen: number }) => [c.code, c]));
  for (const [code, name] of [
    ['ZTO', '中通快递'],
    ['YTO', '圆通速递'],
    ['YUNDA', '韵达快递'],
    ['JT', '极兔速递'],
  ]) {
    expect(byCode.get(code)).toMatchObject({ name });
  }
  await expectOk(api.call('PUT', '/v1/couriers/YUNDA', { token: day.ops, body: { name: '韵达快递', parcelFeeFen: 35 } }));
  await seedDemoData();
  expect(await expectOk(api.call('GET', '/v1/couriers?limit=100', { token: day.partner }))).toMatchObject({
    items: expect.arrayContaining([expect.objectContaining({ code: 'YUNDA', parcelFeeFen: 35 })]),
  });
});
