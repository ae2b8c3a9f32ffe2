import type { Answer, TestApi } from './api.ts';
import { accounts, billCalls, ensureBillers } from './bills.ts';
import { expectOk, unique } from './fixture.ts';
import { daysAhead, parcelOutForDelivery, partnerCalls, type Day } from './station-day.ts';
import { allItems } from './table.ts';
import { ageTab, confirm, openTab } from './tabs.ts';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#store/db.ts';
import * as keys from '#store/keys.ts';

/** Prepares one run of a command, and returns the call that sends it under a given Idempotency-Key. */
export type PreparedCommand = () => Promise<(key: string) => Promise<Answer>>;

/** The after-sales commands that create something or move money (docs/rules.md "Installation and after-sales"). */
export const afterSalesCommandNames = [
  'claim opened',
  // A partner's RETURN or EXCHANGE waits for an operator: nothing moves until it is approved.
  'claim: a return asked, awaiting approval',
  'claim: an exchange asked, awaiting approval',
  'claim approved: return',
  'claim approved: exchange',
  'claim rejected',
  'claim resolved by an operator: return',
  'claim resolved by repair',
  'repair result',
  'installation scheduled',
  'installation rescheduled',
  'installation done',
  'installation cancelled, dead on arrival',
] as const;

/** The tab's commands (docs/rules.md "The tab"): each one read and one write (an approval reads its request first). */
export const tabCommandNames = [
  'tab approval',
  'tab sale',
  'tab repayment in cash',
  'tab repayment by weigh ticket',
  'tab write-off',
  'cancellation of an order sold on the tab',
] as const;

/** The parcel commands (docs/rules.md "Parcels"): a scan and a pick-up are each one read and one write. */
export const parcelCommandNames = ['parcel scan', 'parcel pick-up', 'parcel pick-up of several', 'parcel return', 'parcel delivered at the door'] as const;

type Item = Record<string, any>;
const ofStation = (stationId: string, type: string) => async () =>
  (await allItems()).filter((i: Item) => i.type === type && i.stationId === stationId) as Item[];
const total = (items: Item[], count: (i: Item) => number) => items.reduce((n, i) => n + count(i), 0);

/**
 * What one application of a command adds, for those that post no journal entry
 * (the harness counts entries for the others): exactly once means exactly one more.
 */
export function effectCounters(stationId: string): Partial<Record<(typeof moneyCommandNames)[number], () => Promise<number>>> {
  const claims = ofStation(stationId, 'claim');
  const jobs = ofStation(stationId, 'installation');
  return {
    'claim opened': async () => (await claims()).length,
    'claim: a return asked, awaiting approval': async () => (await claims()).filter((c) => c.status === 'AWAITING_APPROVAL').length,
    'claim: an exchange asked, awaiting approval': async () => (await claims()).filter((c) => c.status === 'AWAITING_APPROVAL').length,
    'claim approved: exchange': async () => (await ofStation(stationId, 'order')()).length,
    'claim rejected': async () => total(await claims(), (c) => c.rejections?.length ?? 0),
    'claim resolved by repair': async () => (await claims()).filter((c) => c.status === 'REPAIRING').length,
    'repair result': async () => total(await claims(), (c) => c.repairs.length),
    'installation scheduled': async () => (await ofStation(stationId, 'task')()).length,
    'installation rescheduled': async () => total(await jobs(), (j) => j.reschedules.length),
    'installation done': async () => (await jobs()).filter((j) => j.status === 'DONE').length,
    'installation cancelled, dead on arrival': async () => (await claims()).length,
    'parcel scan': async () => (await ofStation(stationId, 'parcel')()).length,
    // Parcels handed over together share their moment: one hand-over, however many parcels (and fee entries).
    'parcel pick-up of several': async () =>
      new Set((await ofStation(stationId, 'parcel')()).filter((x) => x.status === 'PICKED_UP' && x.releasedBy).map((x) => x.pickedUpAt)).size,
    'parcel return': async () => (await ofStation(stationId, 'parcel')()).filter((x) => x.status === 'RETURNED').length,
    'tab approval': async () => (await ofStation(stationId, 'tabRequest')()).filter((x) => x.status === 'APPROVED').length,
  };
}

/**
 * Every money command (docs/quality.md "Idempotency and races",
 * "Injected faults"), each ready to be sent (again and again) with one key:
 * what the exactly-once and the fault tests both drive.
 */
export const moneyCommandNames = [
  'place order',
  'payment',
  'hand-over',
  'cancellation',
  'return',
  'remittance',
  'remittance confirmed',
  'remittance rejected',
  'cash count',
  'delivery stop',
  'bill payment',
  'weigh ticket',
  'credit payout',
  'credit payment',
  'cancellation of an order paid with credit',
  'return of goods paid with credit',
  'lot dispatch',
  ...afterSalesCommandNames,
  ...parcelCommandNames,
  ...tabCommandNames,
] as const;

/**
 * Journal entries one command writes when it goes through; one unless listed.
 * A bill payment writes two, in two transactions: its cash taken, then its
 * commission when the gateway says PAID (a retry after the first resumes it).
 */
export const entriesPerCommand: Partial<Record<(typeof moneyCommandNames)[number], number>> = { 'bill payment': 2 };

export function moneyCommands(api: TestApi, day: Day, villagerId: string): Record<(typeof moneyCommandNames)[number], PreparedCommand> {
  const p = partnerCalls(api, day);
  const order = async (cashReceivedFen: number, state: 'placed' | 'arrived' | 'handed over' = 'placed') => {
    const o = await expectOk(
      p.place({ villagerId, lines: [{ sku: day.sku.ac, qty: 1 }], paymentMode: 'CASH_ON_DELIVERY', fulfilment: 'STATION_PICKUP', cashReceivedFen }),
      201,
    );
    if (state !== 'placed') await expectOk(p.arrive(o.orderId));
    if (state === 'handed over') await expectOk(p.pickUp(o.orderId, o.deliveryCode, 390_000 - cashReceivedFen));
    return o;
  };
  /** A produce item of its own (so each command has its own open lot), and a ticket on credit for the villager. */
  const produce = async () => {
    const code = unique('NUT-').toUpperCase();
    await expectOk(
      api.call('PUT', `/v1/produce/${code}`, { token: day.ops, body: { title: '板栗', grades: [{ grade: 'A', priceFenPerKg: 1_200 }], feeFenPerKg: 50 } }),
      201,
    );
    const weigh = (payout: 'CASH_NOW' | 'CREDIT', key: string | true = true) =>
      api.call('POST', `/v1/stations/${day.stationId}/weigh-tickets`, {
        token: day.partner,
        key,
        body: { villagerId, code, grade: 'A', grossGrams: 10_350, tareGrams: 350, deductionBp: 150, payout },
      });
    return { code, weigh };
  };
  /** A parcel on the shelf, for a phone of its own (picked up by its last digits and the name: no SMS to read). */
  let parcels = 0;
  const parcel = async (phone = `136${String(Date.now() % 1e5).padStart(5, '0')}${String(++parcels % 1000).padStart(3, '0')}`) => {
    const scanned = await expectOk(
      api.call('POST', `/v1/stations/${day.stationId}/parcels`, {
        token: day.partner,
        key: true,
        body: {
          waybillNo: unique('JD')
            .toUpperCase()
            .replace(/[^A-Z0-9]/g, ''),
          courier: 'JD',
          recipientPhone: phone,
          recipientName: '包裹人',
        },
      }),
      201,
    );
    return { parcelId: scanned.parcelId as string, phone };
  };
  const pickUpParcel = (parcelId: string, phone: string, key: string, alsoParcelIds?: string[]) =>
    api.call('POST', `/v1/parcels/${parcelId}/pickup`, {
      token: day.partner,
      key,
      body: { phoneLast4: phone.slice(-4), recipientName: '包裹人', ...(alsoParcelIds ? { alsoParcelIds } : {}) },
    });
  return {
    'parcel scan': async () => {
      const body = {
        waybillNo: unique('SF')
          .toUpperCase()
          .replace(/[^A-Z0-9]/g, ''),
        courier: 'SF',
        recipientPhone: '13600001111',
        recipientName: '包裹人',
      };
      return (key) => api.call('POST', `/v1/stations/${day.stationId}/parcels`, { token: day.partner, key, body });
    },
    'parcel pick-up': async () => {
      const { parcelId, phone } = await parcel();
      return (key) => pickUpParcel(parcelId, phone, key);
    },
    'parcel pick-up of several': async () => {
      const first = await parcel();
      const second = await parcel(first.phone);
      return (key) => pickUpParcel(first.parcelId, first.phone, key, [second.parcelId]);
    },
    'parcel return': async () => {
      const { parcelId } = await parcel();
      return (key) => api.call('POST', `/v1/parcels/${parcelId}/return`, { token: day.partner, key, body: { reason: '超过保管期' } });
    },
    'parcel delivered at the door': async () => parcelAtTheDoor(api, day),
    'weigh ticket': async () => {
      await order(20_000);
      const { weigh } = await produce();
      return (key) => weigh('CASH_NOW', key);
    },
    'credit payout': async () => {
      await order(20_000);
      const { weigh } = await produce();
      await expectOk(weigh('CREDIT'), 201);
      return (key) =>
        api.call('POST', `/v1/stations/${day.stationId}/villagers/${villagerId}/payouts`, { token: day.partner, key, body: { amountFen: 1_000 } });
    },
    'credit payment': async () => {
      const { weigh } = await produce();
      await expectOk(weigh('CREDIT'), 201);
      const o = await order(0);
      return (key) => api.call('POST', `/v1/orders/${o.orderId}/payments`, { token: day.partner, key, body: { amountFen: 1_000, source: 'CREDIT' } });
    },
    // The credit part goes back to the villager's credit (an ADD, in the same transaction as the Idempotency-Key record).
    'cancellation of an order paid with credit': async () => {
      const { weigh } = await produce();
      await expectOk(weigh('CREDIT'), 201);
      const o = await order(0);
      await expectOk(api.call('POST', `/v1/orders/${o.orderId}/payments`, { token: day.partner, key: true, body: { amountFen: 1_000, source: 'CREDIT' } }));
      return (key) => p.cancel(o.orderId, '不要了', key);
    },
    // ¥10.00 paid with credit goes back to the credit, the rest in cash from the drawer.
    'return of goods paid with credit': async () => {
      const { weigh } = await produce();
      await expectOk(weigh('CREDIT'), 201);
      const o = await order(389_000, 'arrived');
      await expectOk(api.call('POST', `/v1/orders/${o.orderId}/payments`, { token: day.partner, key: true, body: { amountFen: 1_000, source: 'CREDIT' } }));
      await expectOk(p.pickUp(o.orderId, o.deliveryCode, 0));
      return (key) => p.returnGoods(o.orderId, [{ sku: day.sku.ac, qty: 1 }], '坏了', key);
    },
    'lot dispatch': async () => {
      const { weigh } = await produce();
      const t = await expectOk(weigh('CREDIT'), 201);
      return (key) => api.call('POST', `/v1/produce-lots/${t.lotId}/dispatch`, { token: day.partner, key, body: { reference: 'TRUCK-1' } });
    },
    'place order': async () => (key) =>
      p.place({ villagerId, lines: [{ sku: day.sku.odd, qty: 2 }], paymentMode: 'CASH_ON_ORDER', fulfilment: 'STATION_PICKUP', cashReceivedFen: 1_998 }, key),
    payment: async () => {
      const o = await order(0);
      return (key) => p.pay(o.orderId, 10_000, key);
    },
    'hand-over': async () => {
      const o = await order(300_000, 'arrived');
      return (key) => p.pickUp(o.orderId, o.deliveryCode, 90_000, key);
    },
    cancellation: async () => {
      const o = await order(20_000);
      return (key) => p.cancel(o.orderId, '不要了', key);
    },
    return: async () => {
      const o = await order(390_000, 'handed over');
      return (key) => p.returnGoods(o.orderId, [{ sku: day.sku.ac, qty: 1 }], '坏了', key);
    },
    remittance: async () => {
      await order(2_000);
      return (key) => p.remit(1_500, 'SLIP', key);
    },
    'remittance confirmed': async () => {
      await order(2_000);
      const r = await expectOk(p.remit(1_500, 'SLIP'));
      return (key) => api.call('POST', `/v1/remittances/${r.remittanceId}/confirm`, { token: day.ops, key });
    },
    'remittance rejected': async () => {
      await order(2_000);
      const r = await expectOk(p.remit(1_500, 'SLIP'));
      return (key) => api.call('POST', `/v1/remittances/${r.remittanceId}/reject`, { token: day.ops, key, body: { reason: '没有收到' } });
    },
    'cash count': async () => {
      await order(1_000);
      const { drawerFen } = await p.cash();
      return (key) => p.count(drawerFen + 5, '多了五分', key);
    },
    'delivery stop': async () => parcelOutForDelivery(api, day, villagerId, day.sku.ac, 100_000),
    'bill payment': async () => {
      await ensureBillers(api);
      const bills = billCalls(api, day);
      return (key) => bills.pay({ ...accounts.phone, amountFen: 3_000, villagerId }, key);
    },
    ...afterSalesCommands(api, day, villagerId),
    ...tabCommands(api, day),
  };
}

/** A villager of their own with a phone (each run of a command its own tab), a tab of ¥1,000.00 approved, and a sale of ¥300.00 on it. */
function tabCommands(api: TestApi, day: Day): Record<(typeof tabCommandNames)[number], PreparedCommand> {
  const p = partnerCalls(api, day);
  let n = 0;
  const villagerWithPhone = async () =>
    (
      await expectOk(
        api.call('POST', `/v1/stations/${day.stationId}/villagers`, {
          token: day.partner,
          key: true,
          body: {
            name: '赊账户',
            phone: `158${String(Date.now() % 1e5).padStart(5, '0')}${String(++n % 1000).padStart(3, '0')}`,
            villageId: day.station.villages[0].villageId,
            consent: true,
          },
        }),
        201,
      )
    ).villagerId as string;
  const tab = { ops: day.ops, partner: day.partner, stationId: day.stationId };
  const orderFor = async (villagerId: string) =>
    expectOk(p.place({ villagerId, lines: [{ sku: day.sku.ac, qty: 1 }], paymentMode: 'CASH_ON_DELIVERY', fulfilment: 'STATION_PICKUP' }), 201);
  const sold = async () => {
    const villagerId = await villagerWithPhone();
    await openTab(api, { ...tab, villagerId, limitFen: 100_000 });
    const o = await orderFor(villagerId);
    const dueDate = daysAhead(90);
    const c = await confirm(api, day.partner, day.stationId, villagerId, { purpose: 'TAB_SALE', amountFen: 30_000, dueDate });
    await expectOk(
      api.call('POST', `/v1/orders/${o.orderId}/payments`, { token: day.partner, key: true, body: { amountFen: 30_000, source: 'TAB', dueDate, ...c } }),
    );
    return { villagerId, orderId: o.orderId as string };
  };
  return {
    'tab approval': async () => {
      const villagerId = await villagerWithPhone();
      const c = await confirm(api, day.partner, day.stationId, villagerId, { purpose: 'TAB_CONSENT', amountFen: 100_000 });
      const request = await expectOk(
        api.call('POST', `/v1/stations/${day.stationId}/villagers/${villagerId}/tab/requests`, {
          token: day.partner,
          key: true,
          body: { limitFen: 100_000, ...c },
        }),
        201,
      );
      return (key) => api.call('POST', `/v1/tab-requests/${request.requestId}/approve`, { token: day.ops, key, body: { limitFen: 80_000 } });
    },
    'tab sale': async () => {
      const villagerId = await villagerWithPhone();
      await openTab(api, { ...tab, villagerId, limitFen: 100_000 });
      const o = await orderFor(villagerId);
      const dueDate = daysAhead(120);
      const c = await confirm(api, day.partner, day.stationId, villagerId, { purpose: 'TAB_SALE', amountFen: 50_000, dueDate });
      return (key) =>
        api.call('POST', `/v1/orders/${o.orderId}/payments`, { token: day.partner, key, body: { amountFen: 50_000, source: 'TAB', dueDate, ...c } });
    },
    'tab repayment in cash': async () => {
      const { villagerId } = await sold();
      return (key) =>
        api.call('POST', `/v1/stations/${day.stationId}/villagers/${villagerId}/tab/repayments`, { token: day.partner, key, body: { amountFen: 10_000 } });
    },
    'tab repayment by weigh ticket': async () => {
      const { villagerId } = await sold();
      const code = unique('NUT-').toUpperCase();
      await expectOk(
        api.call('PUT', `/v1/produce/${code}`, { token: day.ops, body: { title: '板栗', grades: [{ grade: 'A', priceFenPerKg: 1_200 }], feeFenPerKg: 50 } }),
        201,
      );
      return (key) =>
        api.call('POST', `/v1/stations/${day.stationId}/weigh-tickets`, {
          token: day.partner,
          key,
          body: { villagerId, code, grade: 'A', grossGrams: 10_000, payout: 'TAB' },
        });
    },
    'tab write-off': async () => {
      const { villagerId } = await sold();
      await ageTab(day.stationId, villagerId, 90 + 181);
      return (key) => api.call('POST', `/v1/tabs/${day.stationId}/${villagerId}/write-off`, { token: day.ops, key, body: { reason: '联系不上' } });
    },
    'cancellation of an order sold on the tab': async () => {
      const { orderId } = await sold();
      return (key) => p.cancel(orderId, '村民不要了', key);
    },
  };
}

function afterSalesCommands(api: TestApi, day: Day, villagerId: string): Record<(typeof afterSalesCommandNames)[number], PreparedCommand> {
  const p = partnerCalls(api, day);
  const post = (path: string, key: string | true, body: unknown, token = day.partner) => api.call('POST', path, { token, key, body });
  /** An air conditioner handed over (paid in cash), and its installation job. */
  const handedOver = async () => {
    const o = await expectOk(
      p.place({ villagerId, lines: [{ sku: day.sku.ac, qty: 1 }], paymentMode: 'CASH_ON_ORDER', fulfilment: 'STATION_PICKUP', cashReceivedFen: 390_000 }),
      201,
    );
    await expectOk(p.arrive(o.orderId));
    await expectOk(p.pickUp(o.orderId, o.deliveryCode));
    // The station's open jobs pile up over a harness's many runs: page through them to this order's.
    let job: { jobId: string } | undefined;
    for (let next: string | undefined, first = true; !job && (first || next); first = false) {
      const page = await expectOk(
        api.call('GET', `/v1/stations/${day.stationId}/installations?status=OPEN&limit=100${next ? `&next=${encodeURIComponent(next)}` : ''}`, {
          token: day.partner,
        }),
      );
      job = page.items.find((j: { orderId: string }) => j.orderId === o.orderId);
      next = page.next;
    }
    if (!job) throw new Error(`no installation job for ${o.orderId}`);
    return { orderId: o.orderId as string, deliveryCode: o.deliveryCode as string, jobId: job.jobId };
  };
  const claimed = async () => {
    const o = await handedOver();
    const claim = await expectOk(post(`/v1/orders/${o.orderId}/claims`, true, { sku: day.sku.ac, qty: 1, problem: '不制冷' }), 201);
    return claim.claimId as string;
  };
  const resolve =
    (remedy: string, token = day.partner) =>
    async () => {
      const claimId = await claimed();
      return (key: string) => post(`/v1/claims/${claimId}/resolve`, key, { remedy }, token);
    };
  /** A claim whose remedy the partner asked for: waiting for an operator. */
  const asked = async (remedy: string) => {
    const claimId = await claimed();
    await expectOk(post(`/v1/claims/${claimId}/resolve`, true, { remedy }));
    return claimId;
  };
  const approved = (remedy: string) => async () => {
    const claimId = await asked(remedy);
    return (key: string) => post(`/v1/claims/${claimId}/approve`, key, { reason: '照片看过' }, day.ops);
  };
  return {
    'claim opened': async () => {
      const o = await handedOver();
      return (key) => post(`/v1/orders/${o.orderId}/claims`, key, { sku: day.sku.ac, qty: 1, problem: '漏水' });
    },
    'claim: a return asked, awaiting approval': resolve('RETURN'),
    'claim: an exchange asked, awaiting approval': resolve('EXCHANGE'),
    'claim approved: return': approved('RETURN'),
    'claim approved: exchange': approved('EXCHANGE'),
    'claim rejected': async () => {
      const claimId = await asked('RETURN');
      return (key) => post(`/v1/claims/${claimId}/reject`, key, { reason: '不是质量问题' }, day.ops);
    },
    'claim resolved by an operator: return': resolve('RETURN', day.ops),
    'claim resolved by repair': resolve('REPAIR'),
    'repair result': async () => {
      const claimId = await claimed();
      await expectOk(post(`/v1/claims/${claimId}/resolve`, true, { remedy: 'REPAIR' }));
      return (key) => post(`/v1/claims/${claimId}/repair-result`, key, { fixed: false, note: '还是不制冷' });
    },
    'installation scheduled': async () => {
      const o = await handedOver();
      return (key) => post(`/v1/installations/${o.jobId}/schedule`, key, { date: daysAhead(310), installer: 'PARTNER' });
    },
    'installation rescheduled': async () => {
      const o = await handedOver();
      await expectOk(post(`/v1/installations/${o.jobId}/schedule`, true, { date: daysAhead(310), installer: 'PARTNER' }));
      return (key) => post(`/v1/installations/${o.jobId}/reschedule`, key, { date: daysAhead(312), reason: 'PART_MISSING' });
    },
    'installation done': async () => {
      const o = await handedOver();
      await expectOk(post(`/v1/installations/${o.jobId}/schedule`, true, { date: daysAhead(310), installer: 'TECHNICIAN', technicianName: '李师傅' }));
      return (key) => post(`/v1/installations/${o.jobId}/complete`, key, { deliveryCode: o.deliveryCode });
    },
    'installation cancelled, dead on arrival': async () => {
      const o = await handedOver();
      return (key) => post(`/v1/installations/${o.jobId}/cancel`, key, { reason: 'DEAD_ON_ARRIVAL' });
    },
  };
}

/**
 * The pickup code a parcel's SMS carries, read from its outbox item (the harnesses run no gateway): what the villager
 * would read out at the door.
 */
export async function pickupCodeOf(parcelId: string): Promise<string> {
  const parcel = (await db().send(new GetCommand({ TableName: tableName(), Key: keys.parcel(parcelId), ConsistentRead: true }))).Item;
  const message = (await db().send(new GetCommand({ TableName: tableName(), Key: keys.outbox(String(parcel?.messageId)), ConsistentRead: true }))).Item;
  const code = (message?.params as { code?: string } | undefined)?.code;
  if (!code) throw new Error(`no pickup code queued for ${parcelId}`);
  return code;
}

/** A villager who asked for their parcels at home, one parcel for them on a started run, and the call that hands it over at the door. */
async function parcelAtTheDoor(api: TestApi, day: Day): Promise<(key: string) => Promise<Answer>> {
  const phone = `135${String(Date.now() % 1e5).padStart(5, '0')}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  const villager = await expectOk(
    api.call('POST', `/v1/stations/${day.stationId}/villagers`, {
      token: day.partner,
      key: true,
      body: { name: '送到家', phone, villageId: day.station.villages[0].villageId, consent: true },
    }),
    201,
  );
  await expectOk(
    api.call('PUT', `/v1/stations/${day.stationId}/villagers/${villager.villagerId}/delivery-preference`, {
      token: day.partner,
      key: true,
      body: { preference: 'HOME' },
    }),
  );
  const scanned = await expectOk(
    api.call('POST', `/v1/stations/${day.stationId}/parcels`, {
      token: day.partner,
      key: true,
      body: {
        waybillNo: unique('YT')
          .toUpperCase()
          .replace(/[^A-Z0-9]/g, ''),
        courier: 'YTO',
        recipientPhone: phone,
        recipientName: '送到家',
      },
    }),
    201,
  );
  const run = await expectOk(
    api.call('POST', `/v1/stations/${day.stationId}/delivery-runs`, { token: day.partner, key: true, body: { date: '2026-12-24', capacityKg: 500 } }),
    201,
  );
  await expectOk(api.call('POST', `/v1/delivery-runs/${run.runId}/start`, { token: day.partner, key: true }));
  const stop = run.trips.flatMap((t: any) => t.stops).find((s: any) => (s.parcelIds ?? []).includes(scanned.parcelId));
  const body = { deliveries: [], parcels: [{ parcelId: scanned.parcelId, outcome: 'DELIVERED', pickupCode: await pickupCodeOf(scanned.parcelId) }] };
  return (key: string) => api.call('POST', `/v1/delivery-runs/${run.runId}/stops/${stop.stopId}/complete`, { token: day.partner, key, body });
}
