/**
 * The load test's checker (bench/load/README in bench/README.md "Load"): every
 * command the clients saw acknowledged is in the table exactly once, and
 * nothing else is. Pure: it compares what the clients recorded with the items
 * of the table and what the gateways kept, so a test can plant a duplicate or
 * a loss and see it caught (test/unit/load-check.test.ts).
 */

/** A command a client sent until it was answered, and how. */
export interface Ack {
  kind: 'place' | 'pay' | 'pickup' | 'remit' | 'ticket' | 'bill' | 'parcel' | 'parcel-pickup' | 'run';
  stationId: string;
  key: string;
  status: number;
  /** What the answer named: the order, remittance, ticket, bill payment, parcel or delivery run (for a pick-up, what was picked up). */
  id?: string;
  /** The cash the command moved into (+) or out of (-) the drawer, as answered (a bill's refund is read from its final state). */
  drawerFen: number;
  /** For a payment or a placement: the order and what it paid. */
  orderId?: string;
  paidFen?: number;
}

export interface TableView {
  /** Every item of the table (a load table holds only the load's stations). */
  items: readonly Record<string, unknown>[];
  /** The outIds of every SMS the gateway sent. */
  smsOutIds: readonly string[];
  /** The references of every bill payment the gateway applied, with how often it was asked. */
  billReferences: readonly string[];
}

export interface Problem {
  rule: 'lost' | 'duplicate' | 'unacknowledged' | 'drawer' | 'paid' | 'counted' | 'sms-twice' | 'bill-twice';
  detail: string;
}

const byPk = (items: readonly Record<string, unknown>[], prefix: string, sk: string) => items.filter((i) => String(i.pk).startsWith(prefix) && i.sk === sk);

/** What the table must hold for what was acknowledged, and nothing more. */
export function check(acks: readonly Ack[], table: TableView): Problem[] {
  const problems: Problem[] = [];
  const ok = acks.filter((a) => a.status < 300);
  const stations = new Set(acks.map((a) => a.stationId));

  // Each created thing: acknowledged ⇔ in the table, once.
  const kinds = [
    { kind: 'place', prefix: 'ORDER#', sk: 'ORDER', idOf: (i: Record<string, unknown>) => i.orderId },
    { kind: 'remit', prefix: 'REMITTANCE#', sk: 'REMITTANCE', idOf: (i: Record<string, unknown>) => i.remittanceId },
    { kind: 'bill', prefix: 'BILLPAY#', sk: 'BILLPAY', idOf: (i: Record<string, unknown>) => i.billPaymentId },
    { kind: 'parcel', prefix: 'PARCEL#', sk: 'PARCEL', idOf: (i: Record<string, unknown>) => i.parcelId },
    { kind: 'run', prefix: 'RUN#', sk: 'RUN', idOf: (i: Record<string, unknown>) => i.runId },
  ] as const;
  for (const { kind, prefix, sk, idOf } of kinds) {
    const acknowledged = new Set(ok.filter((a) => a.kind === kind).map((a) => a.id!));
    const inTable = byPk(table.items, prefix, sk).filter((i) => stations.has(String(i.stationId)));
    const seen = new Map<string, number>();
    for (const item of inTable) seen.set(String(idOf(item)), (seen.get(String(idOf(item))) ?? 0) + 1);
    for (const id of acknowledged) if (!seen.has(id)) problems.push({ rule: 'lost', detail: `${kind} ${id} was acknowledged and is not in the table` });
    for (const [id, n] of seen) {
      if (n > 1) problems.push({ rule: 'duplicate', detail: `${kind} ${id} is in the table ${n} times` });
      if (!acknowledged.has(id)) problems.push({ rule: 'unacknowledged', detail: `${kind} ${id} is in the table but no client was told of it` });
    }
  }
  const tickets = new Set(table.items.filter((i) => String(i.sk).startsWith('TICKET#')).map((i) => String(i.ticketId)));
  for (const a of ok.filter((x) => x.kind === 'ticket')) if (!tickets.has(a.id!)) problems.push({ rule: 'lost', detail: `ticket ${a.id} is not in the table` });
  const ticketAcks = new Set(ok.filter((a) => a.kind === 'ticket').map((a) => a.id!));
  for (const t of tickets)
    if (!ticketAcks.has(t)) problems.push({ rule: 'unacknowledged', detail: `ticket ${t} is in the table but no client was told of it` });

  // Each hand-over (an order's pick-up, a parcel's): acknowledged ⇔ handed over in the table.
  const handOvers = [
    { kind: 'pickup', what: 'order', prefix: 'ORDER#', sk: 'ORDER', idOf: (i: Record<string, unknown>) => i.orderId },
    { kind: 'parcel-pickup', what: 'parcel', prefix: 'PARCEL#', sk: 'PARCEL', idOf: (i: Record<string, unknown>) => i.parcelId },
  ] as const;
  for (const { kind, what, prefix, sk, idOf } of handOvers) {
    const acknowledged = new Set(ok.filter((a) => a.kind === kind).map((a) => a.id!));
    const picked = new Set(
      byPk(table.items, prefix, sk)
        .filter((i) => stations.has(String(i.stationId)) && i.status === 'PICKED_UP')
        .map((i) => String(idOf(i))),
    );
    for (const id of acknowledged)
      if (!picked.has(id)) problems.push({ rule: 'lost', detail: `${what} ${id}: its pick-up was acknowledged and it is not picked up` });
    for (const id of picked)
      if (!acknowledged.has(id)) problems.push({ rule: 'unacknowledged', detail: `${what} ${id} is picked up but no client was told of it` });
  }

  // Each station's months count each parcel scanned in (201; a 200 is the same waybill again) and each handed over, once.
  for (const stationId of stations) {
    const months = table.items.filter((i) => i.pk === `STATION#${stationId}` && String(i.sk).startsWith('STATEMENT#'));
    const counted = (field: string) => months.reduce((n, m) => n + Number(m[field] ?? 0), 0);
    const counts = [
      ['parcelsReceived', ok.filter((a) => a.stationId === stationId && a.kind === 'parcel' && a.status === 201).length],
      ['parcelsHandedOver', ok.filter((a) => a.stationId === stationId && a.kind === 'parcel-pickup').length],
    ] as const;
    for (const [field, expected] of counts)
      if (counted(field) !== expected)
        problems.push({ rule: 'counted', detail: `station ${stationId}: ${field} ${counted(field)}, the acknowledged commands made ${expected}` });
  }

  // What each order was paid: its placement and its payments, once each.
  const orders = new Map(byPk(table.items, 'ORDER#', 'ORDER').map((o) => [String(o.orderId), o]));
  const paid = new Map<string, number>();
  for (const a of ok) if (a.orderId && a.paidFen) paid.set(a.orderId, (paid.get(a.orderId) ?? 0) + a.paidFen);
  for (const [orderId, fen] of paid) {
    const order = orders.get(orderId);
    if (order && Number(order.paidFen) !== fen)
      problems.push({ rule: 'paid', detail: `order ${orderId}: paid ${String(order.paidFen)} fen, acknowledged ${fen}` });
  }

  // Each drawer: the sum of what the acknowledged commands moved (a failed bill handed its cash back).
  const bills = new Map(byPk(table.items, 'BILLPAY#', 'BILLPAY').map((b) => [String(b.billPaymentId), b]));
  for (const stationId of stations) {
    let expected = 0;
    for (const a of ok.filter((x) => x.stationId === stationId)) {
      if (a.kind === 'bill' && bills.get(a.id!)?.status === 'FAILED') continue;
      expected += a.drawerFen;
    }
    const cash = table.items.find((i) => i.pk === `STATION#${stationId}` && i.sk === 'CASH');
    const drawer = Number(cash?.drawerFen ?? 0);
    if (drawer !== expected)
      problems.push({ rule: 'drawer', detail: `station ${stationId}: drawer ${drawer} fen, the acknowledged commands moved ${expected}` });
  }

  // Outside the table: no message sent twice, no bill reference applied twice.
  const twice = (values: readonly string[]) => [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
  for (const id of twice(table.smsOutIds)) problems.push({ rule: 'sms-twice', detail: `message ${id} reached the SMS gateway more than once` });
  for (const ref of twice(table.billReferences)) problems.push({ rule: 'bill-twice', detail: `bill reference ${ref} was applied more than once` });
  return problems;
}
