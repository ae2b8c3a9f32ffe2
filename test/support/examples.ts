import type { Role } from '#domain/access.ts';
import type { contexts, ContextName } from '#functions/registry.ts';
import { shanghaiMonth } from '#domain/time.ts';
import type { TestApi } from './api.ts';
import { accounts } from './bills.ts';
import { daysAhead } from './station-day.ts';
import { productInput, stationInput, unique, type Fixture } from './fixture.ts';

/** A valid request for a route, made by its rightful caller: what the harnesses mutate. */
export interface Example {
  role: Role;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

type ExampleFor = (f: Fixture, api: TestApi) => Example | Promise<Example>;

/** Every route's operationId (each context's api is keyed by them), so that `tsc` asks for an example of a new route. */
type OperationId = { [C in ContextName]: keyof (typeof contexts)[C]['api'] }[ContextName];

/**
 * One example per operationId: `tsc` asks for one for every new route, and the
 * fuzz harness and the tenancy matrix run each.
 */
const byOperation: Record<OperationId, ExampleFor> = {
  health: () => ({ role: 'ops' }),
  openapi: () => ({ role: 'ops' }),
  ready: () => ({ role: 'ops' }),

  createStation: () => ({ role: 'ops', body: { ...stationInput(unique('新站')), varianceLimitFen: 30_000 } }),
  listStations: () => ({ role: 'ops', query: { limit: '5' } }),
  getStation: (f) => ({ role: 'partner', params: { stationId: f.stationA } }),
  changeStation: (f) => ({
    role: 'ops',
    params: { stationId: f.stationA },
    body: { commissionShareBp: 3000, cashLimitFen: 500_000_00, varianceLimitFen: 30_000 },
  }),
  registerVillager: (f) => ({
    role: 'partner',
    params: { stationId: f.stationA },
    body: {
      name: '李建国',
      phone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
      villageId: f.villageA,
      addressNote: '村口',
      consent: true,
    },
  }),
  findVillagers: (f) => ({ role: 'partner', params: { stationId: f.stationA }, query: { q: '王', limit: '10' } }),
  getVillager: (f) => ({ role: 'partner', params: { stationId: f.stationA, villagerId: f.villagerA } }),
  correctVillager: (f) => ({
    role: 'partner',
    params: { stationId: f.stationA, villagerId: f.villagerA },
    body: { name: '王秀英', phone: '13857812399', villageId: f.villageA2, addressNote: '新房子' },
  }),
  deleteVillager: (f) => ({ role: 'partner', params: { stationId: f.stationA, villagerId: f.villagerA } }),

  putProduct: (f) => ({ role: 'ops', params: { sku: f.sku }, body: productInput() }),
  importProducts: () => ({
    role: 'ops',
    body: {
      csv: `sku,title,titleEn,category,onlinePriceYuan,localStorePriceYuan,merchantCostYuan,weightGrams,needsInstallation,returnWindowDays\n${unique('IMP-').toUpperCase()},电饭煲 4升,Rice cooker 4 L,appliances,199.00,259.00,150.00,3500,no,7\n`,
      dryRun: false,
    },
  }),
  listProducts: () => ({ role: 'kiosk', query: { q: '空调', category: 'appliances', limit: '10' } }),
  getProduct: (f) => ({ role: 'kiosk', params: { sku: f.sku } }),
  putSynonym: () => ({ role: 'ops', params: { word: '化肥' }, body: { expandsTo: ['复合肥', '尿素'] } }),
  listSynonyms: () => ({ role: 'ops', query: { limit: '10' } }),
  deleteSynonym: () => ({ role: 'ops', params: { word: unique('旧词') } }),

  placeOrder: (f) => ({
    role: 'partner',
    params: { stationId: f.stationA },
    body: { villagerId: f.villagerA, lines: [{ sku: f.sku, qty: 1 }], paymentMode: 'CASH_ON_DELIVERY', fulfilment: 'STATION_PICKUP', cashReceivedFen: 0 },
  }),
  quoteOrder: (f) => ({ role: 'partner', params: { stationId: f.stationA }, body: { lines: [{ sku: f.sku, qty: 2 }] } }),
  listOrders: (f) => ({ role: 'partner', params: { stationId: f.stationA }, query: { status: 'PLACED', from: '2026-01-01', limit: '5' } }),
  getOrder: (f) => ({ role: 'partner', params: { orderId: f.orderA } }),
  takePayment: (f) => ({ role: 'partner', params: { orderId: f.orderA }, body: { amountFen: 100 } }),
  markArrived: (f) => ({ role: 'partner', params: { orderId: f.orderA } }),
  pickUp: (f) => ({ role: 'partner', params: { orderId: f.orderA }, body: { deliveryCode: '123456', cashCollectedFen: 0 } }),
  cancelOrder: (f) => ({ role: 'partner', params: { orderId: f.orderA }, body: { reason: '不要了' } }),
  returnGoods: (f) => ({ role: 'partner', params: { orderId: f.orderA }, body: { lines: [{ sku: f.sku, qty: 1 }], reason: '坏了' } }),
  reprintReceipt: (f) => ({ role: 'partner', params: { orderId: f.orderA } }),
  unlockOrder: (f) => ({ role: 'ops', params: { orderId: f.orderA }, body: { reason: 'Identity checked by phone with the villager' } }),
  createCart: (f) => ({ role: 'kiosk', params: { stationId: f.stationA }, body: { lines: [{ sku: f.sku, qty: 1 }] } }),
  listCarts: (f) => ({ role: 'kiosk', params: { stationId: f.stationA }, query: { status: 'OPEN', limit: '5' } }),
  getCart: (f) => ({ role: 'kiosk', params: { stationId: f.stationA, cartId: f.cartA } }),

  getCash: (f) => ({ role: 'partner', params: { stationId: f.stationA } }),
  listEntries: (f) => ({ role: 'partner', params: { stationId: f.stationA }, query: { limit: '10' } }),
  remit: (f) => ({ role: 'partner', params: { stationId: f.stationA }, body: { amountFen: 100, reference: 'BANK-2026-001' } }),
  listStationRemittances: (f) => ({ role: 'partner', params: { stationId: f.stationA }, query: { status: 'PENDING', limit: '5' } }),
  listRemittances: () => ({ role: 'ops', query: { status: 'PENDING', limit: '5' } }),
  getRemittance: (f) => ({ role: 'partner', params: { remittanceId: f.remittanceA } }),
  confirmRemittance: (f) => ({ role: 'ops', params: { remittanceId: f.remittanceA } }),
  rejectRemittance: (f) => ({ role: 'ops', params: { remittanceId: f.remittanceA }, body: { reason: '银行没有这笔入账' } }),
  listStationCash: () => ({ role: 'ops', query: { limit: '5' } }),
  listFlaggedCounts: () => ({ role: 'ops', query: { flagged: 'true', limit: '5' } }),
  countCash: (f) => ({ role: 'partner', params: { stationId: f.stationA }, body: { countedFen: 0, reason: '数错了' } }),
  getStatement: (f) => ({ role: 'partner', params: { stationId: f.stationA, month: '2026-11' } }),
  rankStations: () => ({ role: 'ops', params: { month: shanghaiMonth(new Date()) }, query: { limit: '10' } }),
  getRisk: () => ({ role: 'ops', query: { limit: '10' } }),

  bookTask: (f) => ({
    role: 'partner',
    params: { stationId: f.stationA },
    body: { villageId: f.villageA, date: '2026-12-02', kind: 'PRODUCE', note: '两筐橘子', weightKg: 30 },
  }),
  listTasks: (f) => ({ role: 'partner', params: { stationId: f.stationA }, query: { date: '2026-12-01', status: 'OPEN', limit: '10' } }),
  setRoadDistance: (f) => ({ role: 'partner', params: { stationId: f.stationA }, body: { from: f.stationA, to: f.villageA, km: 3.2 } }),
  getRoadDistances: (f) => ({ role: 'partner', params: { stationId: f.stationA } }),
  planRun: (f) => ({ role: 'partner', params: { stationId: f.stationA }, body: { date: '2026-12-01', capacityKg: 150, maxParcels: 20 } }),
  listRuns: (f) => ({ role: 'partner', params: { stationId: f.stationA }, query: { date: '2026-11-30', limit: '5' } }),
  getRun: (f) => ({ role: 'partner', params: { runId: f.runA } }),
  getRunSheet: (f) => ({ role: 'partner', params: { runId: f.runA } }),
  moveStop: (f) => ({ role: 'partner', params: { runId: f.runA, stopId: f.stopA }, body: { trip: 1, position: 1 } }),
  dropParcel: (f) => ({ role: 'partner', params: { runId: f.runA }, body: { orderId: f.runOrderA } }),
  startRun: (f) => ({ role: 'partner', params: { runId: f.runA } }),
  putProduce: (f) => ({
    role: 'ops',
    params: { code: f.produceCode },
    body: {
      title: '板栗',
      grades: [
        { grade: 'A', priceFenPerKg: 1_200 },
        { grade: 'B', priceFenPerKg: 900 },
      ],
      feeFenPerKg: 50,
    },
  }),
  listProduce: () => ({ role: 'kiosk' }),
  quoteWeighTicket: (f) => ({
    role: 'partner',
    params: { stationId: f.stationA },
    body: { villagerId: f.villagerA, code: f.produceCode, grade: 'A', grossGrams: 10_350, tareGrams: 350, deductionBp: 150, payout: 'CREDIT' },
  }),
  writeWeighTicket: (f) => ({
    role: 'partner',
    params: { stationId: f.stationA },
    body: { villagerId: f.villagerA, code: f.produceCode, grade: 'B', grossGrams: 1_000, tareGrams: 100, deductionBp: 0, payout: 'CASH_NOW' },
  }),
  payOutCredit: (f) => ({ role: 'partner', params: { stationId: f.stationA, villagerId: f.villagerA }, body: { amountFen: 100 } }),
  listStationLots: (f) => ({ role: 'partner', params: { stationId: f.stationA }, query: { status: 'OPEN', limit: '5' } }),
  listLots: () => ({ role: 'ops', query: { status: 'OPEN', limit: '5' } }),
  getLot: (f) => ({ role: 'partner', params: { lotId: f.lotA } }),
  dispatchLot: (f) => ({ role: 'partner', params: { lotId: f.lotA }, body: { reference: 'TRUCK-1' } }),

  completeStop: (f) => ({
    role: 'partner',
    params: { runId: f.runA, stopId: f.stopA },
    body: { deliveries: [{ orderId: f.runOrderA, outcome: 'DELIVERED', deliveryCode: '123456', cashCollectedFen: 0 }], pickups: [] },
  }),

  putBiller: () => ({
    role: 'ops',
    params: { billerCode: 'CMCC' },
    body: { name: '中国移动', kind: 'PHONE', amountRule: 'ANY', customerFeeFen: 0, stationCommissionFen: 50, minAmountFen: 1_000 },
  }),
  listBillers: () => ({ role: 'partner', query: { limit: '10' } }),
  lookupAccount: () => ({ role: 'partner', params: accounts.power }),
  payBill: (f) => ({ role: 'partner', params: { stationId: f.stationA }, body: { ...accounts.phone, amountFen: 5_000, villagerId: f.villagerA } }),
  getBillPayment: (f) => ({ role: 'partner', params: { billPaymentId: f.billPaymentA } }),
  listBillPayments: (f) => ({ role: 'partner', params: { stationId: f.stationA }, query: { status: 'PAID', limit: '5' } }),
  listPendingBillPayments: () => ({ role: 'ops', query: { limit: '5' } }),
  listInstallations: (f) => ({ role: 'partner', params: { stationId: f.stationA }, query: { status: 'OPEN', limit: '5' } }),
  scheduleInstallation: (f) => ({
    role: 'partner',
    params: { jobId: f.jobA },
    body: { date: daysAhead(300), installer: 'TECHNICIAN', technicianName: '李师傅' },
  }),
  rescheduleInstallation: (f) => ({ role: 'partner', params: { jobId: f.jobA }, body: { date: daysAhead(302), reason: 'VILLAGER_REQUEST' } }),
  completeInstallation: (f) => ({ role: 'partner', params: { jobId: f.jobA }, body: { deliveryCode: '123456', note: '装在堂屋' } }),
  cancelInstallation: (f) => ({ role: 'partner', params: { jobId: f.jobA }, body: { reason: 'VILLAGER_DECLINED' } }),
  openClaim: (f) => ({ role: 'partner', params: { orderId: f.handedOverA }, body: { sku: f.sku, qty: 1, problem: '不制冷' } }),
  listClaims: (f) => ({ role: 'partner', params: { stationId: f.stationA }, query: { status: 'OPEN', limit: '5' } }),
  listLockedOrders: () => ({ role: 'ops', query: { limit: '5' } }),
  listOpenClaims: () => ({ role: 'ops', query: { limit: '5' } }),
  getClaim: (f) => ({ role: 'partner', params: { claimId: f.claimA } }),
  resolveClaim: (f) => ({ role: 'partner', params: { claimId: f.claimA }, body: { remedy: 'REPAIR', note: '送厂家修' } }),
  approveClaim: (f) => ({ role: 'ops', params: { claimId: f.claimAwaitingA }, body: { reason: '照片看过，外壳确实裂了' } }),
  rejectClaim: (f) => ({ role: 'ops', params: { claimId: f.claimAwaitingA }, body: { reason: '裂缝是摔的，不是质量问题' } }),
  recordRepair: (f) => ({ role: 'partner', params: { claimId: f.claimA }, body: { fixed: true, note: '换了电容' } }),

  smsReceipts: (f) => ({
    role: 'ops',
    body: [
      {
        phone_number: '13857812399',
        send_time: new Date().toISOString(),
        report_time: new Date().toISOString(),
        success: true,
        err_code: 'DELIVERED',
        biz_id: '1^1',
        out_id: f.messageA,
      },
    ],
  }),
  listStationMessages: (f) => ({ role: 'partner', params: { stationId: f.stationA }, query: { limit: '5' } }),
  listUnreachedMessages: () => ({ role: 'ops', query: { limit: '5' } }),
  resendMessage: (f) => ({ role: 'partner', params: { messageId: f.messageA } }),

  scanParcel: (f) => ({
    role: 'partner',
    params: { stationId: f.stationA },
    body: {
      waybillNo: unique('YT')
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, '')
        .padEnd(12, '0'),
      courier: 'YTO',
      recipientPhone: '13857812399',
      recipientName: '王建华',
    },
  }),
  listParcels: (f) => ({ role: 'partner', params: { stationId: f.stationA }, query: { status: 'AT_STATION', limit: '5' } }),
  getParcel: (f) => ({ role: 'partner', params: { parcelId: f.parcelA } }),
  pickUpParcel: (f) => ({ role: 'partner', params: { parcelId: f.parcelA }, body: { pickupCode: '123456' } }),
  returnParcel: (f) => ({ role: 'partner', params: { parcelId: f.parcelA }, body: { reason: '超过保管期' } }),
  setDeliveryPreference: (f) => ({
    role: 'partner',
    params: { stationId: f.stationA, villagerId: f.villagerA },
    body: { preference: 'HOME', via: 'PHONE_CALL' },
  }),
  unlockParcel: (f) => ({ role: 'ops', params: { parcelId: f.parcelA }, body: { reason: '电话核实了收件人' } }),
  putCourier: () => ({ role: 'ops', params: { code: 'ZTO' }, body: { name: '中通快递', parcelFeeFen: 30 } }),
  listCouriers: () => ({ role: 'ops', query: { limit: '10' } }),
  requestSignInCode: () => ({ role: 'ops', body: { phone: somePhone() } }),
  issueTokens: () => ({ role: 'ops', body: { phone: somePhone(), code: '123456' } }),
  signOut: () => ({ role: 'partner', body: { refreshToken: 'rt_01ARZ3NDEKTSV4RRFFQ69G5FAV.not-a-secret' } }),
  confirmTotp: () => ({ role: 'ops', body: { secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', totp: '123456' } }),
  getMe: () => ({ role: 'ops' }),
  createKioskPairing: (f) => ({ role: 'partner', params: { stationId: f.stationA } }),
  pairKiosk: () => ({ role: 'ops', body: { code: '12345678' } }),
  jwks: () => ({ role: 'ops' }),
  openIdConfiguration: () => ({ role: 'ops' }),
  createUser: (f) => ({ role: 'ops', body: { phone: somePhone(), name: '李合伙', role: 'partner', stationId: f.stationA } }),
  changeUser: (f) => ({ role: 'ops', params: { userId: f.userA }, body: { name: '李合伙人' } }),
  listUsers: () => ({ role: 'ops', query: { limit: '5' } }),
  listUserChanges: (f) => ({ role: 'ops', params: { userId: f.userA }, query: { limit: '5' } }),

  askConfirmation: (f) => ({
    role: 'partner',
    params: { stationId: f.stationA, villagerId: f.villagerSmsA },
    body: { purpose: 'TAB_CONSENT', amountFen: 50_000 },
  }),
  getTab: (f) => ({ role: 'partner', params: { stationId: f.stationA, villagerId: f.villagerSmsA } }),
  requestTab: (f) => ({
    role: 'partner',
    params: { stationId: f.stationA, villagerId: f.villagerSmsA },
    body: { limitFen: 50_000, confirmationId: f.tabConfirmationA, code: '123456' },
  }),
  listVillagerTabRequests: (f) => ({ role: 'partner', params: { stationId: f.stationA, villagerId: f.villagerSmsA }, query: { limit: '5' } }),
  listStationTabs: (f) => ({ role: 'partner', params: { stationId: f.stationA } }),
  listTabRequests: () => ({ role: 'ops', query: { status: 'PENDING', limit: '5' } }),
  approveTabRequest: (f) => ({ role: 'ops', params: { requestId: f.tabRequestA }, body: { limitFen: 30_000 } }),
  rejectTabRequest: (f) => ({ role: 'ops', params: { requestId: f.tabRequestA }, body: { reason: '收入还不稳定' } }),
  repayTab: (f) => ({ role: 'partner', params: { stationId: f.stationA, villagerId: f.villagerSmsA }, body: { amountFen: 100 } }),
  writeOffTab: (f) => ({ role: 'ops', params: { stationId: f.stationA, villagerId: f.villagerSmsA }, body: { reason: '人已经搬走，联系不上' } }),
  tabBook: () => ({ role: 'ops' }),
};

/** A mobile number nobody has used yet in this run. */
export const somePhone = (): string => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

/** By the route's operationId, as the harnesses look them up. */
export const examples: Readonly<Record<string, ExampleFor | undefined>> = byOperation;

export function tokenFor(f: Fixture, role: Role, station: 'A' | 'B' = 'A'): string {
  if (role === 'ops') return f.ops;
  if (role === 'partner') return station === 'A' ? f.partnerA : f.partnerB;
  return station === 'A' ? f.kioskA : f.kioskB;
}

export function fillPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? `missing-${name}`));
}
