import { beforeAll, describe, expect, test } from 'vitest';
import { useApi } from '../support/api.ts';
import { buildFixture, expectOk, stationInput, unique, type Fixture } from '../support/fixture.ts';
import { allItems, tableSnapshot } from '../support/table.ts';

const api = useApi();
let f: Fixture;
beforeAll(async () => {
  f = await buildFixture(api);
});

describe('stations (ops)', () => {
  test('creating gives the station and each village an id; reading it back gives the same', async () => {
    const created = await expectOk(api.call('POST', '/v1/stations', { token: f.ops, key: true, body: stationInput('石练镇服务站') }), 201);
    expect(created.stationId).toMatch(/^st_/);
    expect(created.villages.map((v: { villageId: string }) => v.villageId)).toEqual([
      expect.stringMatching(/^vg_/),
      expect.stringMatching(/^vg_/),
      expect.stringMatching(/^vg_/),
    ]);
    expect(created).toMatchObject({ commissionShareBp: 3000, cashLimitFen: 500_000_00, roadFactor: 1.4, version: 1 });
    const read = await expectOk(api.call('GET', `/v1/stations/${created.stationId}`, { token: f.ops }));
    expect(read).toEqual(created);
  });

  test('the same Idempotency-Key and body replays the first answer and creates nothing more; another body is 422', async () => {
    const key = unique('station-key-');
    const body = stationInput(unique('重复站'));
    const first = await api.call('POST', '/v1/stations', { token: f.ops, key, body });
    const count = (await allItems()).length;
    const again = await api.call('POST', '/v1/stations', { token: f.ops, key, body });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await allItems()).length).toBe(count);
    const other = await api.call('POST', '/v1/stations', { token: f.ops, key, body: { ...body, name: '别的站' } });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency-key-reused');
    expect((await allItems()).length).toBe(count);
  });

  test('listing pages through every station by county and name, with an opaque cursor', async () => {
    const seen: string[] = [];
    let next: string | undefined;
    do {
      const page = await expectOk(api.call('GET', `/v1/stations?limit=2${next ? `&next=${next}` : ''}`, { token: f.ops }));
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((s: { stationId: string }) => s.stationId));
      next = page.next;
    } while (next);
    expect(seen).toContain(f.stationA);
    expect(seen).toContain(f.stationB);
    expect(new Set(seen).size).toBe(seen.length);
  });

  test('a cursor from another list is refused, not followed', async () => {
    const forged = Buffer.from(JSON.stringify({ collectionPk: `STATION#${f.stationA}#VILLAGERS`, collectionSk: 'a', pk: 'x', sk: 'y' })).toString('base64url');
    const answer = await api.call('GET', `/v1/stations?next=${forged}`, { token: f.ops });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].path).toBe('query.next');
  });

  test('changing keeps village ids, adds new villages, refuses to drop one', async () => {
    const station = await expectOk(api.call('POST', '/v1/stations', { token: f.ops, key: true, body: stationInput(unique('改站')) }), 201);
    const villages = [...station.villages, { name: '新村', location: { lat: 28.51, lon: 119.4 } }];
    const changed = await expectOk(
      api.call('PATCH', `/v1/stations/${station.stationId}`, { token: f.ops, key: true, body: { commissionShareBp: 4000, villages } }),
    );
    expect(changed.commissionShareBp).toBe(4000);
    expect(changed.version).toBe(2);
    expect(changed.villages.slice(0, 3)).toEqual(station.villages);
    expect(changed.villages[3]).toMatchObject({ name: '新村', villageId: expect.stringMatching(/^vg_/) });
    const dropped = await api.call('PATCH', `/v1/stations/${station.stationId}`, {
      token: f.ops,
      key: true,
      body: { villages: changed.villages.slice(1) },
    });
    expect(dropped.status).toBe(409);
    expect(dropped.body.detail).toContain(station.villages[0].name);
  });

  test('two villages with one name are refused, naming the field', async () => {
    const body = stationInput(unique('同名站'));
    body.villages[1]!.name = body.villages[0]!.name;
    const before = await tableSnapshot();
    const answer = await api.call('POST', '/v1/stations', { token: f.ops, key: true, body });
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toMatchObject([{ path: 'body.villages.1.name', message: expect.any(String) }]);
    expect(await tableSnapshot()).toBe(before);
  });

  test('a partner reads their own station, not another', async () => {
    expect((await api.call('GET', `/v1/stations/${f.stationA}`, { token: f.partnerA })).status).toBe(200);
    expect((await api.call('GET', `/v1/stations/${f.stationB}`, { token: f.partnerA })).status).toBe(404);
    expect((await api.call('GET', '/v1/stations', { token: f.partnerA })).status).toBe(403);
  });
});

describe('villagers (partner)', () => {
  test('register with consent, then find by name prefix or by phone prefix', async () => {
    const phone = '13912345678';
    const villager = await expectOk(
      api.call('POST', `/v1/stations/${f.stationA}/villagers`, {
        token: f.partnerA,
        key: true,
        body: { name: '赵大勇', phone, villageId: f.villageA2, consent: true },
      }),
      201,
    );
    expect(villager).toMatchObject({ name: '赵大勇', phone, stationId: f.stationA, villageId: f.villageA2 });
    const byName = await expectOk(api.call('GET', `/v1/stations/${f.stationA}/villagers?q=${encodeURIComponent('赵')}`, { token: f.partnerA }));
    expect(byName.items.map((v: { villagerId: string }) => v.villagerId)).toEqual([villager.villagerId]);
    const byPhone = await expectOk(api.call('GET', `/v1/stations/${f.stationA}/villagers?q=139123`, { token: f.partnerA }));
    expect(byPhone.items.map((v: { villagerId: string }) => v.villagerId)).toEqual([villager.villagerId]);
    const elsewhere = await expectOk(api.call('GET', `/v1/stations/${f.stationB}/villagers?q=139123`, { token: f.partnerB }));
    expect(elsewhere.items).toEqual([]);
  });

  test('without consent, nothing is kept', async () => {
    const before = await tableSnapshot();
    const answer = await api.call('POST', `/v1/stations/${f.stationA}/villagers`, {
      token: f.partnerA,
      key: true,
      body: { name: '钱多多', villageId: f.villageA, consent: false },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toMatchObject([{ path: 'body.consent', message: expect.stringContaining('agree') }]);
    expect(await tableSnapshot()).toBe(before);
  });

  test('a phone number already registered at the station is a 409 naming who has it', async () => {
    const answer = await api.call('POST', `/v1/stations/${f.stationA}/villagers`, {
      token: f.partnerA,
      key: true,
      body: { name: '冒名', phone: '13857812345', villageId: f.villageA, consent: true },
    });
    expect(answer.status).toBe(409);
    expect(answer.body.detail).toContain('王秀英');
  });

  test('a village of another station is refused, naming the field', async () => {
    const answer = await api.call('POST', `/v1/stations/${f.stationA}/villagers`, {
      token: f.partnerA,
      key: true,
      body: { name: '孙小梅', villageId: f.villageB, consent: true },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toMatchObject([{ path: 'body.villageId', message: expect.any(String) }]);
  });

  test('a client cannot choose the station or the id (mass assignment refused)', async () => {
    const answer = await api.call('POST', `/v1/stations/${f.stationA}/villagers`, {
      token: f.partnerA,
      key: true,
      body: { name: '孙小梅', villageId: f.villageA, consent: true, stationId: f.stationB, villagerId: 'vl_X' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.stationId', 'body.villagerId']);
  });
});
