/**
 * Every key of the single table is composed here and nowhere else
 * (docs/architecture.md lists the same patterns as a table).
 */

/** Sort keys by name ignore case and surrounding spaces; '#' separates parts. */
const sortable = (s: string) => s.trim().toLowerCase().replaceAll('#', ' ');
/** Zero-padded so that text order is numeric order (timestamps are ISO already). */
const pad = (n: number, width = 6) => String(n).padStart(width, '0');

/**
 * The first part of every partition key, of the table and of its indexes. The
 * keys below are built from these, and so are each function's IAM grants
 * (infra/table-grants.ts: `dynamodb:LeadingKeys` conditions), so a new kind of
 * item cannot be written where no grant expects it without a test noticing.
 */
export const partitionPrefixes = {
  /** Idempotency records: IDEMPOTENCY#<caller>#<key>. */
  idempotency: 'IDEMPOTENCY#',
  /** A station's own items (STATION#<id>) and its index partitions (STATION#<id>#ORDERS…, #VILLAGERS, #RUNS…). */
  station: 'STATION#',
  /** The collection of all stations. */
  stations: 'STATIONS',
  /** One product: PRODUCT#<sku>. */
  product: 'PRODUCT#',
  /** The catalogue's index partitions: PRODUCTS, PRODUCTS#<category>. */
  catalogue: 'PRODUCTS',
  /** The search index: one partition per term, SEARCH#<term>. */
  search: 'SEARCH#',
  /** One search synonym kept by ops: SYNONYM#<word> (read by every search for its query). */
  synonym: 'SYNONYM#',
  /** The collection of all search synonyms (ops list them). */
  synonyms: 'SYNONYMS',
  /** One order and its returns, installation jobs and claims: ORDER#<id>. */
  order: 'ORDER#',
  /** Orders locked for ops after wrong delivery codes, across stations: ORDERS#LOCKED. */
  lockedOrders: 'ORDERS#LOCKED',
  /** One delivery run: RUN#<id>. */
  run: 'RUN#',
  /** A month's statements ranked by sales: MONTH#<yyyy-mm>. */
  month: 'MONTH#',
  /** One remittance: REMITTANCE#<id>. */
  remittance: 'REMITTANCE#',
  /** Remittances of one status across stations (ops confirm the pending ones): REMITTANCES#<status>. */
  remittances: 'REMITTANCES#',
  /** The buying price list: one partition, PRODUCE, an item per produce code. */
  produce: 'PRODUCE',
  /** One produce lot and its weigh tickets: LOT#<id>. */
  lot: 'LOT#',
  /** Lots of one status across stations (ops see what to collect): LOTS#<status>. */
  lots: 'LOTS#',
  /** After-sales claims still open, across stations (ops follow them up): CLAIMS#OPEN. */
  claims: 'CLAIMS#',
  /** Counts flagged for ops across stations. */
  flaggedCounts: 'CASH_COUNTS#FLAGGED',
  /** One biller: BILLER#<code>. */
  biller: 'BILLER#',
  /** The collection of all billers. */
  billers: 'BILLERS',
  /** One bill payment: BILLPAY#<id>. */
  billPayment: 'BILLPAY#',
  /** Every station's payments still pending, for the reconciler. */
  pendingBills: 'BILLS#PENDING',
  /** Outbox items: an effect outside the transaction that wrote it (a message to a phone, say), read from the table's stream: OUTBOX#<id>. */
  outbox: 'OUTBOX#',
  /** Messages not yet sent for certain, for the retry job: one marker each, MESSAGES#PENDING / <messageId>. */
  pendingMessages: 'MESSAGES#PENDING',
  /** Messages that did not reach their villager, across stations (ops follow them up): MESSAGES#UNREACHED. */
  unreachedMessages: 'MESSAGES#UNREACHED',
  /** Every station's days with a risk signal, by day (ops read the last 30): RISK. */
  risk: 'RISK',
  /** One parcel left by a courier for a villager (代收): PARCEL#<id>, the id made of its waybill number. */
  parcel: 'PARCEL#',
  /** Parcels whose day-3 reminder is still to go, across stations, by when it is due: PARCELS#REMIND. */
  parcelReminders: 'PARCELS#REMIND',
  /** One courier (ops keep its parcel fee): COURIER#<code>. */
  courier: 'COURIER#',
  /** The collection of all couriers. */
  couriers: 'COURIERS',
  /** One user who signs in (a partner or an operator), with their changes: USER#<id>. */
  user: 'USER#',
  /** Guards one user per phone number, and finds a user by phone at sign-in: USERPHONE#<phone>. */
  userPhone: 'USERPHONE#',
  /** Every user, by name (ops list them): USERS. */
  users: 'USERS',
  /** The sign-in code last sent to a phone, and how many were sent (a user's or not): SIGNIN#<phone>. */
  signIn: 'SIGNIN#',
  /** One refresh token, by its id (its secret kept hashed): REFRESH#<id>. */
  refresh: 'REFRESH#',
  /** One sign-in (a family of refresh tokens): SESSION#<id>. */
  session: 'SESSION#',
  /** A kiosk pairing code (kept hashed) while it may be used: KIOSKPAIR#<hash>. */
  kioskPairing: 'KIOSKPAIR#',
  /** Sign-in requests from one address in an hour: SIGNINFROM#<address>. */
  signInFrom: 'SIGNINFROM#',
  /** Every villager's tab across stations (ops' tab book, the reminders job): TABS. */
  tabs: 'TABS',
  /** One request for a tab or a higher limit, with the villager's consent: TABREQ#<id>. */
  tabRequest: 'TABREQ#',
  /** Tab requests of one status across stations (ops approve the pending ones): TABREQUESTS#<status>. */
  tabRequests: 'TABREQUESTS#',
  /** The readiness check's key, written by nobody. */
  readiness: 'HEALTH',
} as const;

export type PartitionKind = keyof typeof partitionPrefixes;

const p = partitionPrefixes;
const stationPk = (stationId: string) => `${p.station}${stationId}`;

export const user = (userId: string) => ({ pk: `${p.user}${userId}`, sk: 'USER' });

/** collection: every user, by name. */
export const userListing = (name: string, userId: string) => ({ collectionPk: p.users, collectionSk: `${sortable(name)}#${userId}` });

export const usersCollection = () => p.users;

/** Wrong codes of an operator's current authenticator when replacing it, and until when replacing it is refused. */
export const userTotpGuard = (userId: string) => ({ pk: `${p.user}${userId}`, sk: 'TOTPGUARD' });

/** One change to a user, kept beside it (the audit trail: who changed whom, and what). */
export const userChange = (userId: string, at: string, n: number) => ({ pk: `${p.user}${userId}`, sk: `CHANGE#${at}#${pad(n, 2)}` });

export const userChangePrefix = 'CHANGE#';

export const userPhone = (phone: string) => ({ pk: `${p.userPhone}${phone}`, sk: 'USERPHONE' });

export const signIn = (phone: string) => ({ pk: `${p.signIn}${phone}`, sk: 'CODE' });

export const refresh = (tokenId: string) => ({ pk: `${p.refresh}${tokenId}`, sk: 'REFRESH' });

export const session = (familyId: string) => ({ pk: `${p.session}${familyId}`, sk: 'SESSION' });

export const signInFrom = (address: string, hour: string) => ({ pk: `${p.signInFrom}${address}`, sk: hour });

export const kioskPairing = (codeHash: string) => ({ pk: `${p.kioskPairing}${codeHash}`, sk: 'PAIRING' });

/** Read by the readiness check, written by nobody. */
export const readiness = () => ({ pk: p.readiness, sk: 'HEALTH' });

export const outbox = (outboxId: string) => ({ pk: `${p.outbox}${outboxId}`, sk: 'OUTBOX' });

/** A message is an outbox item; lookup: a station's messages, newest first; collection (only while unreached): every station's, by station. */
export const messageListing = (stationId: string, createdAt: string, messageId: string, unreached: boolean) => ({
  lookupPk: `${stationPk(stationId)}#MESSAGES`,
  lookupSk: `${createdAt}#${messageId}`,
  ...(unreached ? { collectionPk: p.unreachedMessages, collectionSk: `${stationId}#${createdAt}#${messageId}` } : {}),
});

export const messagesOfStation = (stationId: string) => `${stationPk(stationId)}#MESSAGES`;

export const unreachedMessages = () => p.unreachedMessages;

/** A message the retry job must look at again, when it is due. */
export const pendingMessage = (messageId: string) => ({ pk: p.pendingMessages, sk: messageId });

/** `recordId`: a hash of who asked and their Idempotency-Key (shared/store/sealed.ts), never the key itself. */
export const idempotency = (recordId: string) => ({ pk: `${p.idempotency}${recordId}`, sk: 'IDEMPOTENCY' });

export const station = (stationId: string) => ({ pk: stationPk(stationId), sk: 'STATION' });

/** collection: all stations, by county then name. */
export const stationListing = (county: string, name: string, stationId: string) => ({
  collectionPk: p.stations,
  collectionSk: `${sortable(county)}#${sortable(name)}#${stationId}`,
});

export const stationsCollection = () => p.stations;

export const product = (sku: string) => ({ pk: `${p.product}${sku}`, sk: 'PRODUCT' });

/** collection: the catalogue by title; lookup: one category by title. */
export const productListing = (title: string, sku: string, category: string) => ({
  collectionPk: p.catalogue,
  collectionSk: `${sortable(title)}#${sku}`,
  lookupPk: `${p.catalogue}#${category}`,
  lookupSk: `${sortable(title)}#${sku}`,
});

export const productsCollection = () => p.catalogue;

/** One search index entry: a product under one of its terms, ranked by how it matches, then by its title as read. */
export const searchEntry = (term: string, kind: number, order: string, sku: string) => ({ pk: `${p.search}${term}`, sk: `${kind}#${order}#${sku}` });

export const searchTerm = (term: string) => `${p.search}${term}`;

export const productsOfCategory = (category: string) => `${p.catalogue}#${category}`;

/** A search synonym, by its word (normalised as a query is); collection: all of them by word. */
export const synonym = (word: string) => ({ pk: `${p.synonym}${word}`, sk: 'SYNONYM' });

export const synonymListing = (word: string) => ({ collectionPk: p.synonyms, collectionSk: word });

export const synonymsCollection = () => p.synonyms;

export const villager = (stationId: string, villagerId: string) => ({ pk: stationPk(stationId), sk: `VILLAGER#${villagerId}` });

/** collection: a station's villagers by name; lookup: by phone. */
export const villagerListing = (stationId: string, name: string, villagerId: string, phone?: string) => ({
  collectionPk: `${stationPk(stationId)}#VILLAGERS`,
  collectionSk: `${sortable(name)}#${villagerId}`,
  ...(phone ? { lookupPk: `${stationPk(stationId)}#PHONES`, lookupSk: `${phone}#${villagerId}` } : {}),
});

export const villagersByName = (stationId: string) => `${stationPk(stationId)}#VILLAGERS`;

export const villagersByPhone = (stationId: string) => `${stationPk(stationId)}#PHONES`;

export const namePrefix = (q: string) => sortable(q);

/** Guards one villager per phone number within a station. */
export const phoneClaim = (stationId: string, phone: string) => ({ pk: stationPk(stationId), sk: `PHONE#${phone}` });

export const cash = (stationId: string) => ({ pk: stationPk(stationId), sk: 'CASH' });

export const entry = (stationId: string, entryId: string) => ({ pk: stationPk(stationId), sk: `ENTRY#${entryId}` });

export const entryPrefix = 'ENTRY#';

export const cashCount = (stationId: string, countId: string) => ({ pk: stationPk(stationId), sk: `COUNT#${countId}` });

/** collection: counts flagged for ops (variance beyond the station's limit), across stations, by time. */
export const flaggedCountListing = (at: string, countId: string) => ({ collectionPk: p.flaggedCounts, collectionSk: `${at}#${countId}` });

export const flaggedCounts = () => p.flaggedCounts;

export const remittance = (remittanceId: string) => ({ pk: `${p.remittance}${remittanceId}`, sk: 'REMITTANCE' });

/** collection: remittances of one status across stations (ops confirm the PENDING ones); lookup: a station's, by time. */
export const remittanceListing = (stationId: string, status: string, remittedAt: string, remittanceId: string) => ({
  collectionPk: `${p.remittances}${status}`,
  collectionSk: `${remittedAt}#${remittanceId}`,
  lookupPk: `${stationPk(stationId)}#REMITTANCES`,
  lookupSk: `${remittedAt}#${remittanceId}`,
});

export const remittancesOfStatus = (status: string) => `${p.remittances}${status}`;

export const remittancesOfStation = (stationId: string) => `${stationPk(stationId)}#REMITTANCES`;

export const statement = (stationId: string, month: string) => ({ pk: stationPk(stationId), sk: `STATEMENT#${month}` });

/** salesRank: a month's statements, ranked by sales (the number itself is the sort key). */
export const statementsOfMonth = (month: string) => `${p.month}${month}`;

/** Marks a villager served in a month, so the statement counts each villager once. */
export const served = (stationId: string, month: string, villagerId: string) => ({ pk: stationPk(stationId), sk: `SERVED#${month}#${villagerId}` });

export const order = (orderId: string) => ({ pk: `${p.order}${orderId}`, sk: 'ORDER' });

/** collection: a station's orders of one status, by time; lookup: all its orders by time. */
export const orderListing = (stationId: string, status: string, placedAt: string, orderId: string) => ({
  collectionPk: `${stationPk(stationId)}#ORDERS#${status}`,
  collectionSk: `${placedAt}#${orderId}`,
  lookupPk: `${stationPk(stationId)}#ORDERS`,
  lookupSk: `${placedAt}#${orderId}`,
});

export const ordersOfStatus = (stationId: string, status: string) => `${stationPk(stationId)}#ORDERS#${status}`;

export const ordersOfStation = (stationId: string) => `${stationPk(stationId)}#ORDERS`;

/**
 * A locked order's entry in ops' list (the order item uses both indexes): beside the order, so unlocking deletes it
 * by the order's id alone; collection: every locked order across stations, by the time it locked.
 */
export const lockedOrder = (orderId: string) => ({ pk: `${p.order}${orderId}`, sk: 'LOCKED' });

export const lockedOrderListing = (lockedAt: string, orderId: string) => ({ collectionPk: p.lockedOrders, collectionSk: `${lockedAt}#${orderId}` });

export const lockedOrders = () => p.lockedOrders;

/** A station's risk signals of one Shanghai day (ADD counters), listed across stations by day. */
export const riskDay = (stationId: string, date: string) => ({ pk: stationPk(stationId), sk: `RISK#${date}` });

export const riskDayListing = (stationId: string, date: string) => ({ collectionPk: p.risk, collectionSk: `${date}#${stationId}` });

export const riskDays = () => p.risk;

export const orderReturn = (orderId: string, returnId: string) => ({ pk: `${p.order}${orderId}`, sk: `RETURN#${returnId}` });

/** An installation job lives with its order (its id names the order, so a command reads both at once). */
export const installationJob = (orderId: string, jobId: string) => ({ pk: `${p.order}${orderId}`, sk: `INSTALL#${jobId}` });

/** collection: a station's jobs of one status, by date (scheduled) or the day it was made (open). */
export const installationListing = (stationId: string, status: string, day: string, jobId: string) => ({
  collectionPk: `${stationPk(stationId)}#INSTALLS#${status}`,
  collectionSk: `${day}#${jobId}`,
});

export const installationsOfStatus = (stationId: string, status: string) => `${stationPk(stationId)}#INSTALLS#${status}`;

/** A claim lives with its order too. */
export const claim = (orderId: string, claimId: string) => ({ pk: `${p.order}${orderId}`, sk: `CLAIM#${claimId}` });

/**
 * collection: a station's claims of one status, by time; lookup: the claims of one of ops' lists across
 * stations (OPEN: open or under repair; AWAITING_APPROVAL), by time.
 */
export const claimListing = (stationId: string, status: string, openedAt: string, claimId: string, opsList?: string) => ({
  collectionPk: `${stationPk(stationId)}#CLAIMS#${status}`,
  collectionSk: `${openedAt}#${claimId}`,
  ...(opsList ? { lookupPk: `${p.claims}${opsList}`, lookupSk: `${openedAt}#${claimId}` } : {}),
});

export const claimsOfStatus = (stationId: string, status: string) => `${stationPk(stationId)}#CLAIMS#${status}`;

export const opsClaims = (list: string) => `${p.claims}${list}`;

export const cart = (stationId: string, cartId: string) => ({ pk: stationPk(stationId), sk: `CART#${cartId}` });

/** collection: a station's carts of one status, by time. */
export const cartListing = (stationId: string, status: string, createdAt: string, cartId: string) => ({
  collectionPk: `${stationPk(stationId)}#CARTS#${status}`,
  collectionSk: `${createdAt}#${cartId}`,
});

export const cartsOfStatus = (stationId: string, status: string) => `${stationPk(stationId)}#CARTS#${status}`;

export const run = (runId: string) => ({ pk: `${p.run}${runId}`, sk: 'RUN' });

/** lookup: a station's runs by date. */
export const runListing = (stationId: string, date: string, runId: string) => ({ lookupPk: `${stationPk(stationId)}#RUNS`, lookupSk: `${date}#${runId}` });

export const runsOfStation = (stationId: string) => `${stationPk(stationId)}#RUNS`;

/** The items whose free text (a note, a problem, a reason) is about a villager, as `pk\nsk` strings: what their erasure scrubs. */
export const mentions = (stationId: string, villagerId: string) => ({ pk: stationPk(stationId), sk: `MENTIONS#${villagerId}` });

/** The bill payments to one phone number at a station (named or not): an erasure of whoever has that number masks them. */
export const paidToPhone = (stationId: string, phone: string) => ({ pk: stationPk(stationId), sk: `PAIDTO#${phone}` });

export const task = (stationId: string, taskId: string) => ({ pk: stationPk(stationId), sk: `TASK#${taskId}` });

/** collection: a station's tasks of one day, by status. */
export const taskListing = (stationId: string, date: string, status: string, taskId: string) => ({
  collectionPk: `${stationPk(stationId)}#TASKS#${date}`,
  collectionSk: `${status}#${taskId}`,
});

export const tasksOfDay = (stationId: string, date: string) => `${stationPk(stationId)}#TASKS#${date}`;

/** A parcel, by the id its waybill number makes (so scanning the same waybill again reads the same item). */
export const parcel = (parcelId: string) => ({ pk: `${p.parcel}${parcelId}`, sk: 'PARCEL' });

/** collection: a station's parcels of one status, by time scanned (the shelf; the due-back list is its oldest part); lookup: by the phone's last 4 digits. */
export const parcelListing = (stationId: string, status: string, scannedAt: string, parcelId: string, phoneLast4: string) => ({
  collectionPk: `${stationPk(stationId)}#PARCELS#${status}`,
  collectionSk: `${scannedAt}#${parcelId}`,
  lookupPk: `${stationPk(stationId)}#PARCELPHONES#${phoneLast4}`,
  lookupSk: `${status}#${scannedAt}#${parcelId}`,
});

export const parcelsOfStatus = (stationId: string, status: string) => `${stationPk(stationId)}#PARCELS#${status}`;

export const parcelsByPhoneTail = (stationId: string, phoneLast4: string) => `${stationPk(stationId)}#PARCELPHONES#${phoneLast4}`;

/** How many parcels the station has scanned in: the next one's shelf slot (written only if still as read). */
export const parcelSequence = (stationId: string) => ({ pk: stationPk(stationId), sk: 'PARCELSEQ' });

/** The parcels left for one phone number at a station (a set of ids): what erasing whoever has that number masks. */
export const parcelsToPhone = (stationId: string, phone: string) => ({ pk: stationPk(stationId), sk: `PARCELSTO#${phone}` });

/** A parcel's reminder still to go, in one partition across stations, by when it is due (removed when it goes or the parcel does). */
export const parcelReminder = (remindAt: string, parcelId: string) => ({ pk: p.parcelReminders, sk: `${remindAt}#${parcelId}` });

export const parcelReminders = () => p.parcelReminders;

/** A courier; collection: every courier, by code. */
export const courier = (code: string) => ({ pk: `${p.courier}${code}`, sk: 'COURIER' });

export const courierListing = (code: string) => ({ collectionPk: p.couriers, collectionSk: code });

export const couriersCollection = () => p.couriers;

/** A buying price list entry; all in one partition, so the list is one Query. */
export const produce = (code: string) => ({ pk: p.produce, sk: `ITEM#${code}` });

export const producePartition = () => p.produce;

/** What the station owes one villager for produce bought on credit (beside the villager, so a correction never races it). */
export const produceCredit = (stationId: string, villagerId: string) => ({ pk: stationPk(stationId), sk: `CREDIT#${villagerId}` });

/** Which lot is open for a produce and grade at a station: one at a time (created on condition it is absent). */
export const openLot = (stationId: string, code: string, grade: string) => ({ pk: stationPk(stationId), sk: `OPENLOT#${code}#${grade}` });

export const lot = (lotId: string) => ({ pk: `${p.lot}${lotId}`, sk: 'LOT' });

export const lotPartition = (lotId: string) => `${p.lot}${lotId}`;

/** A weigh ticket, in its lot's partition (reading the lot reads its tickets: traceability in one Query). */
export const lotTicket = (lotId: string, ticketId: string) => ({ pk: `${p.lot}${lotId}`, sk: `TICKET#${ticketId}` });

export const ticketPrefix = 'TICKET#';

/** collection: lots of one status across stations, by time opened; lookup: a station's lots by time opened. */
export const lotListing = (stationId: string, status: string, openedAt: string, lotId: string) => ({
  collectionPk: `${p.lots}${status}`,
  collectionSk: `${openedAt}#${lotId}`,
  lookupPk: `${stationPk(stationId)}#LOTS`,
  lookupSk: `${openedAt}#${lotId}`,
});

export const lotsOfStatus = (status: string) => `${p.lots}${status}`;

export const lotsOfStation = (stationId: string) => `${stationPk(stationId)}#LOTS`;

/** A villager's tab, beside the villager (so an erasure reads it with them); collection: every tab, by station. */
export const tab = (stationId: string, villagerId: string) => ({ pk: stationPk(stationId), sk: `TAB#${villagerId}` });

export const tabPrefix = 'TAB#';

export const tabListing = (stationId: string, villagerId: string) => ({ collectionPk: p.tabs, collectionSk: `${stationId}#${villagerId}` });

export const tabsCollection = () => p.tabs;

/** A code sent to a villager's phone for their consent to a tab or a sale on it (kept hashed). */
export const confirmation = (stationId: string, confirmationId: string) => ({ pk: stationPk(stationId), sk: `CONFIRM#${confirmationId}` });

/** What a villager has sold the station in produce (their weigh tickets' amounts, ADDed): what a tab's suggested limit is made of. */
export const produceSold = (stationId: string, villagerId: string) => ({ pk: stationPk(stationId), sk: `SOLD#${villagerId}` });

export const tabRequest = (requestId: string) => ({ pk: `${p.tabRequest}${requestId}`, sk: 'TABREQ' });

/** collection: requests of one status across stations, by time; lookup: one villager's requests at a station, by time. */
export const tabRequestListing = (stationId: string, villagerId: string, status: string, requestedAt: string, requestId: string) => ({
  collectionPk: `${p.tabRequests}${status}`,
  collectionSk: `${requestedAt}#${requestId}`,
  lookupPk: tabRequestsOfVillager(stationId, villagerId),
  lookupSk: `${requestedAt}#${requestId}`,
});

export const tabRequestsOfStatus = (status: string) => `${p.tabRequests}${status}`;

export const tabRequestsOfVillager = (stationId: string, villagerId: string) => `${stationPk(stationId)}#TABREQS#${villagerId}`;

/** A road distance the partner entered between two places (the key orders the pair). */
export const road = (stationId: string, pair: string) => ({ pk: stationPk(stationId), sk: `ROAD#${pair}` });

export const roadPrefix = 'ROAD#';

/** Billers (ops keep them); collection: every biller, by code. */
export const biller = (billerCode: string) => ({ pk: `${p.biller}${billerCode}`, sk: 'BILLER' });

export const billerListing = (billerCode: string) => ({ collectionPk: p.billers, collectionSk: billerCode });

export const billersCollection = () => p.billers;

/** A bill payment; collection: a station's payments of one status, by time; lookup: all its payments by time. */
export const billPayment = (billPaymentId: string) => ({ pk: `${p.billPayment}${billPaymentId}`, sk: 'BILLPAY' });

export const billPaymentListing = (stationId: string, status: string, createdAt: string, billPaymentId: string) => ({
  collectionPk: `${stationPk(stationId)}#BILLS#${status}`,
  collectionSk: `${createdAt}#${billPaymentId}`,
  lookupPk: `${stationPk(stationId)}#BILLS`,
  lookupSk: `${createdAt}#${billPaymentId}`,
});

export const billsOfStatus = (stationId: string, status: string) => `${stationPk(stationId)}#BILLS#${status}`;

export const billsOfStation = (stationId: string) => `${stationPk(stationId)}#BILLS`;

/** Every station's payments still PENDING, oldest first: what the reconciler walks (the marker lives as long as the payment is pending). */
export const pendingBill = (createdAt: string, billPaymentId: string) => ({ pk: p.pendingBills, sk: `${createdAt}#${billPaymentId}` });

export const pendingBills = p.pendingBills;
