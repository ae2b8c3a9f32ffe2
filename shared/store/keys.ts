/**
 * Every key of the single table is composed here and nowhere else
 * (docs/architecture.md lists the same patterns as a table).
 */

/** Sort keys by name ignore case and surrounding spaces; '#' separates parts. */
const sortable = (s: string) => s.trim().toLowerCase().replaceAll('#', ' ');
/** Zero-padded so that text order is numeric order (timestamps are ISO already). */
const pad = (n: number, width = 6) => String(n).padStart(width, '0');

export const keys = {
  idempotency: (scope: string, key: string) => ({ pk: `IDEMPOTENCY#${scope}#${key}`, sk: 'IDEMPOTENCY' }),

  station: (stationId: string) => ({ pk: `STATION#${stationId}`, sk: 'STATION' }),
  /** collection: all stations, by county then name. */
  stationListing: (county: string, name: string, stationId: string) => ({
    collectionPk: 'STATIONS',
    collectionSk: `${sortable(county)}#${sortable(name)}#${stationId}`,
  }),
  stationsCollection: () => 'STATIONS',

  product: (sku: string) => ({ pk: `PRODUCT#${sku}`, sk: 'PRODUCT' }),
  /** collection: the catalogue by title; lookup: one category by title. */
  productListing: (title: string, sku: string, category: string) => ({
    collectionPk: 'PRODUCTS',
    collectionSk: `${sortable(title)}#${sku}`,
    lookupPk: `PRODUCTS#${category}`,
    lookupSk: `${sortable(title)}#${sku}`,
  }),
  productsCollection: () => 'PRODUCTS',
  productsOfCategory: (category: string) => `PRODUCTS#${category}`,

  villager: (stationId: string, villagerId: string) => ({ pk: `STATION#${stationId}`, sk: `VILLAGER#${villagerId}` }),
  /** collection: a station's villagers by name; lookup: by phone. */
  villagerListing: (stationId: string, name: string, villagerId: string, phone?: string) => ({
    collectionPk: `STATION#${stationId}#VILLAGERS`,
    collectionSk: `${sortable(name)}#${villagerId}`,
    ...(phone ? { lookupPk: `STATION#${stationId}#PHONES`, lookupSk: `${phone}#${villagerId}` } : {}),
  }),
  villagersByName: (stationId: string) => `STATION#${stationId}#VILLAGERS`,
  villagersByPhone: (stationId: string) => `STATION#${stationId}#PHONES`,
  namePrefix: (q: string) => sortable(q),
  /** Guards one villager per phone number within a station. */
  phoneClaim: (stationId: string, phone: string) => ({ pk: `STATION#${stationId}`, sk: `PHONE#${phone}` }),

  cash: (stationId: string) => ({ pk: `STATION#${stationId}`, sk: 'CASH' }),
  entry: (stationId: string, entryId: string) => ({ pk: `STATION#${stationId}`, sk: `ENTRY#${entryId}` }),
  entryPrefix: 'ENTRY#',
  cashCount: (stationId: string, countId: string) => ({ pk: `STATION#${stationId}`, sk: `COUNT#${countId}` }),

  statement: (stationId: string, month: string) => ({ pk: `STATION#${stationId}`, sk: `STATEMENT#${month}` }),
  /** salesRank: a month's statements, ranked by sales (the number itself is the sort key). */
  statementsOfMonth: (month: string) => `MONTH#${month}`,
  /** Marks a villager served in a month, so the statement counts each villager once. */
  served: (stationId: string, month: string, villagerId: string) => ({ pk: `STATION#${stationId}`, sk: `SERVED#${month}#${villagerId}` }),

  order: (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'ORDER' }),
  /** collection: a station's orders of one status, by time; lookup: all its orders by time. */
  orderListing: (stationId: string, status: string, placedAt: string, orderId: string) => ({
    collectionPk: `STATION#${stationId}#ORDERS#${status}`,
    collectionSk: `${placedAt}#${orderId}`,
    lookupPk: `STATION#${stationId}#ORDERS`,
    lookupSk: `${placedAt}#${orderId}`,
  }),
  ordersOfStatus: (stationId: string, status: string) => `STATION#${stationId}#ORDERS#${status}`,
  ordersOfStation: (stationId: string) => `STATION#${stationId}#ORDERS`,
  orderReturn: (orderId: string, returnId: string) => ({ pk: `ORDER#${orderId}`, sk: `RETURN#${returnId}` }),

  cart: (stationId: string, cartId: string) => ({ pk: `STATION#${stationId}`, sk: `CART#${cartId}` }),
  /** collection: a station's carts of one status, by time. */
  cartListing: (stationId: string, status: string, createdAt: string, cartId: string) => ({
    collectionPk: `STATION#${stationId}#CARTS#${status}`,
    collectionSk: `${createdAt}#${cartId}`,
  }),
  cartsOfStatus: (stationId: string, status: string) => `STATION#${stationId}#CARTS#${status}`,

  run: (runId: string) => ({ pk: `RUN#${runId}`, sk: 'RUN' }),
  /** lookup: a station's runs by date. */
  runListing: (stationId: string, date: string, runId: string) => ({ lookupPk: `STATION#${stationId}#RUNS`, lookupSk: `${date}#${runId}` }),
  runsOfStation: (stationId: string) => `STATION#${stationId}#RUNS`,

  task: (stationId: string, taskId: string) => ({ pk: `STATION#${stationId}`, sk: `TASK#${taskId}` }),
  /** collection: a station's tasks of one day, by status. */
  taskListing: (stationId: string, date: string, status: string, taskId: string) => ({
    collectionPk: `STATION#${stationId}#TASKS#${date}`,
    collectionSk: `${status}#${taskId}`,
  }),
  tasksOfDay: (stationId: string, date: string) => `STATION#${stationId}#TASKS#${date}`,

  /** A road distance the partner entered between two places (the key orders the pair). */
  road: (stationId: string, pair: string) => ({ pk: `STATION#${stationId}`, sk: `ROAD#${pair}` }),
  roadPrefix: 'ROAD#',

  /** Billers (ops keep them); collection: every biller, by code. */
  biller: (billerCode: string) => ({ pk: `BILLER#${billerCode}`, sk: 'BILLER' }),
  billerListing: (billerCode: string) => ({ collectionPk: 'BILLERS', collectionSk: billerCode }),
  billersCollection: () => 'BILLERS',
  /** A bill payment; collection: a station's payments of one status, by time; lookup: all its payments by time. */
  billPayment: (billPaymentId: string) => ({ pk: `BILLPAY#${billPaymentId}`, sk: 'BILLPAY' }),
  billPaymentListing: (stationId: string, status: string, createdAt: string, billPaymentId: string) => ({
    collectionPk: `STATION#${stationId}#BILLS#${status}`,
    collectionSk: `${createdAt}#${billPaymentId}`,
    lookupPk: `STATION#${stationId}#BILLS`,
    lookupSk: `${createdAt}#${billPaymentId}`,
  }),
  billsOfStatus: (stationId: string, status: string) => `STATION#${stationId}#BILLS#${status}`,
  billsOfStation: (stationId: string) => `STATION#${stationId}#BILLS`,
  /** Every station's payments still PENDING, oldest first: what the reconciler walks (the marker lives as long as the payment is pending). */
  pendingBill: (createdAt: string, billPaymentId: string) => ({ pk: 'BILLS#PENDING', sk: `${createdAt}#${billPaymentId}` }),
  pendingBills: 'BILLS#PENDING',

  pad,
} as const;
