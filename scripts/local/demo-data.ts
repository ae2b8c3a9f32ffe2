import type { Biller } from '#domain/bill.ts';
import type { Station } from '#domain/station.ts';
import type { Product } from '#domain/product.ts';
import type { Produce } from '#domain/produce.ts';
import type { Synonym } from '#domain/synonyms.ts';
import type { Courier } from '#domain/parcel.ts';
import type { Villager } from '#domain/villager.ts';
import { idPrefixes, type IdKind } from '#shared/ids.ts';

/**
 * Demo data for `npm start`: Suichang county (遂昌县, Lishui, Zhejiang), two
 * stations and their villages (coordinates approximate, to about a kilometre),
 * a catalogue with believable prices in fen, a few villagers. Fixed ids make
 * loading it idempotent.
 */
export const demoId = (kind: IdKind, n: number) => `${idPrefixes[kind]}_7D3M0${String(n).padStart(21, '0')}`;

const at = '2026-01-01T00:00:00.000Z';

const village = (n: number, name: string, lat: number, lon: number) => ({ villageId: demoId('village', n), name, location: { lat, lon } });

export const demoStations: Station[] = [
  {
    stationId: demoId('station', 1),
    name: '大柘镇服务站',
    county: '遂昌县',
    location: { lat: 28.5152, lon: 119.3821 },
    villages: [
      village(11, '大柘村', 28.5163, 119.3846),
      village(12, '大田村', 28.5312, 119.4021),
      village(13, '车前村', 28.4971, 119.3662),
      village(14, '蕉川村', 28.5412, 119.3593),
      village(15, '西坪村', 28.4822, 119.4054),
      village(16, '石坑村', 28.5051, 119.4252),
    ],
    commissionShareBp: 3000,
    cashLimitFen: 500_000_00,
    varianceLimitFen: 20_000,
    roadFactor: 1.4,
    version: 1,
    createdAt: at,
    updatedAt: at,
  },
  {
    stationId: demoId('station', 2),
    name: '王村口镇服务站',
    county: '遂昌县',
    location: { lat: 28.3883, lon: 119.0321 },
    villages: [
      village(21, '王村口村', 28.3891, 119.0332),
      village(22, '桥西村', 28.3842, 119.0251),
      village(23, '宏丰村', 28.4023, 119.0512),
      village(24, '蕉溪村', 28.3712, 119.0121),
      village(25, '吴处村', 28.4151, 119.0203),
    ],
    commissionShareBp: 2500,
    cashLimitFen: 300_000_00,
    varianceLimitFen: 20_000,
    roadFactor: 1.6,
    version: 1,
    createdAt: at,
    updatedAt: at,
  },
];

type Row = [
  sku: string,
  title: string,
  titleEn: string,
  category: Product['category'],
  online: number,
  store: number,
  cost: number,
  grams: number,
  install: boolean,
  returnDays: number,
];

// Prices in fen.
const rows: Row[] = [
  ['AC-MIDEA-2P', '美的 2匹 立式柜机空调', 'Midea 2 HP floor air conditioner', 'appliances', 390000, 450000, 370000, 52000, true, 7],
  ['AC-GREE-15', '格力 1.5匹 挂机空调', 'Gree 1.5 HP wall air conditioner', 'appliances', 279900, 329900, 262000, 38000, true, 7],
  ['FRIDGE-HR-216', '海尔 216升 三门冰箱', 'Haier 216 L fridge', 'appliances', 189900, 229900, 178000, 62000, false, 7],
  ['WASHER-MD-8', '美的 8公斤 滚筒洗衣机', 'Midea 8 kg washing machine', 'appliances', 159900, 189900, 149000, 65000, false, 7],
  ['TV-HS-43', '海信 43英寸 智能电视', 'Hisense 43" smart TV', 'electronics', 129900, 159900, 121000, 9500, false, 7],
  ['HEATER-WH-60', '万和 60升 电热水器', 'Vanward 60 L water heater', 'appliances', 89900, 119900, 82000, 22000, true, 7],
  ['SOLAR-HEATER-18', '太阳能热水器 18管', 'Solar water heater, 18 tubes', 'appliances', 219900, 269900, 205000, 85000, true, 7],
  ['RICECOOKER-MD-4', '美的 4升 电饭煲', 'Midea 4 L rice cooker', 'household', 19900, 25900, 17800, 3800, false, 7],
  ['FAN-MD-16', '美的 落地电风扇', 'Midea floor fan', 'household', 15900, 19900, 14100, 6000, false, 7],
  ['GAS-STOVE-2', '燃气灶 双灶', 'Two-burner gas stove', 'household', 49900, 69900, 45800, 9000, true, 7],
  ['PHONE-HONOR-X50', '荣耀 X50 手机 8+256G', 'Honor X50 phone 8+256 GB', 'phones', 139900, 159900, 132000, 400, false, 7],
  ['PHONE-ELDER-4G', '老人机 4G 大字大声', 'Senior 4G phone, big keys', 'phones', 16900, 25900, 14500, 200, false, 7],
  ['RADIO-OPERA', '插卡收音机 听戏机', 'Radio and opera player', 'electronics', 8900, 12900, 7200, 500, false, 7],
  ['TRICYCLE-EV-12', '电动三轮车 1.2米车厢', 'Electric tricycle, 1.2 m bed', 'agriculture', 359900, 419900, 338000, 180000, true, 7],
  ['PUMP-WATER-750', '750瓦 自吸抽水泵', '750 W self-priming water pump', 'agriculture', 32900, 42900, 29000, 9000, false, 7],
  ['FERT-NPK-50', '复合肥 15-15-15 50公斤', 'NPK fertiliser 15-15-15, 50 kg', 'agriculture', 16500, 19800, 15200, 50000, false, 0],
  ['FERT-UREA-40', '尿素 40公斤', 'Urea, 40 kg', 'agriculture', 11800, 13500, 10900, 40000, false, 0],
  ['SPRAYER-16L', '电动喷雾器 16升', 'Electric sprayer, 16 L', 'agriculture', 15900, 22900, 13800, 5500, false, 7],
  ['SEED-RICE-1', '杂交水稻种子 1公斤', 'Hybrid rice seed, 1 kg', 'agriculture', 6800, 8800, 5900, 1000, false, 0],
  ['FEED-PIG-40', '猪饲料 40公斤', 'Pig feed, 40 kg', 'agriculture', 14800, 16800, 13900, 40000, false, 0],
  ['RICE-WCH-10', '五常大米 10公斤', 'Wuchang rice, 10 kg', 'groceries', 8990, 10990, 8100, 10000, false, 0],
  ['OIL-PEANUT-5', '花生油 5升', 'Peanut oil, 5 L', 'groceries', 12990, 15990, 11800, 4800, false, 0],
  ['MILK-INFANT-3', '婴儿奶粉 3段 800克', 'Infant formula stage 3, 800 g', 'baby', 23800, 29800, 21500, 1100, false, 0],
  ['DIAPER-L-60', '纸尿裤 L码 60片', 'Nappies size L, 60', 'baby', 8900, 12900, 7600, 2600, false, 7],
  ['SHOES-ELDER', '老人健步鞋', 'Walking shoes for elders', 'clothing', 9900, 15900, 8200, 900, false, 7],
  ['JACKET-DOWN', '中老年羽绒服', 'Down jacket', 'clothing', 29900, 45900, 25800, 1200, false, 7],
  ['QUILT-COTTON-6', '新疆棉被 6斤', 'Xinjiang cotton quilt, 3 kg', 'household', 19900, 29900, 17200, 3500, false, 7],
  ['BP-MONITOR', '电子血压计', 'Blood pressure monitor', 'health', 15900, 22900, 13200, 600, false, 7],
  ['GLASSES-READ-2', '老花镜 +2.0', 'Reading glasses +2.0', 'health', 2900, 5800, 2100, 100, false, 7],
  ['CEMENT-425-50', '水泥 42.5 50公斤', 'Cement 42.5, 50 kg', 'building', 3200, 3800, 2950, 50000, false, 0],
  ['TILE-60-BOX', '瓷砖 60×60 一箱4片', 'Floor tiles 60×60, box of 4', 'building', 9800, 13800, 8600, 32000, false, 7],
];

/** Warranties beyond the category's: a gas stove and an electric tricycle are covered for a year like any appliance. */
const warrantyOf: Record<string, number> = { 'GAS-STOVE-2': 365, 'TRICYCLE-EV-12': 365 };

export const demoProducts: Product[] = rows.map(([sku, title, titleEn, category, online, store, cost, grams, install, returnDays]) => ({
  sku,
  title,
  titleEn,
  category,
  onlinePriceFen: online,
  localStorePriceFen: store,
  merchantCostFen: cost,
  weightGrams: grams,
  needsInstallation: install,
  returnWindowDays: returnDays,
  // The three guarantees: a year for appliances, phones and electronics, and for the gas stove and the electric tricycle.
  warrantyDays: ['appliances', 'phones', 'electronics'].includes(category) ? 365 : (warrantyOf[sku] ?? 0),
  createdAt: at,
  updatedAt: at,
}));

const villager = (n: number, station: number, villageN: number, name: string, phone?: string, addressNote?: string): Villager => ({
  villagerId: demoId('villager', n),
  stationId: demoId('station', station),
  name,
  ...(phone ? { phone } : {}),
  villageId: demoId('village', villageN),
  ...(addressNote ? { addressNote } : {}),
  consentAt: at,
  createdAt: at,
  updatedAt: at,
  version: 1,
});

export const demoVillagers: Villager[] = [
  villager(101, 1, 11, '王秀英', '13857812345', '村口小卖部对面'),
  villager(102, 1, 12, '李建国', '13967823456'),
  villager(103, 1, 13, '张桂兰', undefined, '祠堂后面第二家'),
  villager(104, 1, 15, '刘德明', '15857834567'),
  villager(105, 1, 16, '陈春花', '13757845678'),
  villager(201, 2, 21, '周志强', '13867856789'),
  villager(202, 2, 23, '吴美玲', '15967867890'),
  villager(203, 2, 24, '郑老四', undefined, '溪边老屋'),
];

/** The billers behind the local bill gateway's demo accounts (scripts/local/bill-gateway.ts; docs/bill-gateway.md "The local stand-in"). */
export const demoBillers: Biller[] = [
  {
    billerCode: 'CMCC',
    name: '中国移动',
    kind: 'PHONE',
    amountRule: 'ANY',
    customerFeeFen: 0,
    stationCommissionFen: 50,
    // Ten 1-fen top-ups must not earn ten commissions (SPEC §3 Second eyes).
    minAmountFen: 1_000,
    createdAt: at,
    updatedAt: at,
  },
  { billerCode: 'SGCC', name: '国网电力', kind: 'POWER', amountRule: 'EXACT', customerFeeFen: 0, stationCommissionFen: 100, createdAt: at, updatedAt: at },
  { billerCode: 'WATER', name: '自来水公司', kind: 'WATER', amountRule: 'EXACT', customerFeeFen: 200, stationCommissionFen: 80, createdAt: at, updatedAt: at },
];

/** Buying prices: what the stations buy from villagers for the platform to sell in the cities (fen per kg). */
const produce = (code: string, title: string, grades: [string, number][], feeFenPerKg: number): Produce => ({
  code,
  title,
  grades: grades.map(([grade, priceFenPerKg]) => ({ grade, priceFenPerKg })),
  feeFenPerKg,
  createdAt: at,
  updatedAt: at,
});

export const demoProduce: Produce[] = [
  produce(
    'CHESTNUT',
    '板栗',
    [
      ['A', 1_200],
      ['B', 900],
      ['C', 600],
    ],
    50,
  ),
  produce(
    'TEA-GREEN',
    '高山绿茶（毛茶）',
    [
      ['A', 16_000],
      ['B', 11_000],
    ],
    400,
  ),
  produce(
    'SHIITAKE',
    '干香菇',
    [
      ['A', 9_000],
      ['B', 6_500],
    ],
    200,
  ),
  produce('EGG-LOCAL', '土鸡蛋', [['A', 2_400]], 80),
  produce(
    'BAMBOO-SHOOT',
    '冬笋',
    [
      ['A', 1_600],
      ['B', 1_000],
    ],
    60,
  ),
];

/** Search synonyms (SPEC §3 Catalogue search): words villagers say, and the catalogue's words a search for them also looks up. */
export const demoSynonyms: Synonym[] = [
  { word: '化肥', expandsTo: ['复合肥', '尿素'], createdAt: at, updatedAt: at },
  { word: '电饭锅', expandsTo: ['电饭煲'], createdAt: at, updatedAt: at },
  { word: '衣服', expandsTo: ['上衣', '外套', '羽绒服'], createdAt: at, updatedAt: at },
];

/**
 * The demo people who sign in by phone (their codes, sent through the stand-in
 * SMS gateway, are printed in `npm start`'s log).
 */
export const demoUsers = [
  { userId: demoId('user', 1), phone: '13900000001', name: '平台运营', role: 'ops' as const },
  { userId: demoId('user', 2), phone: '13900000011', name: `${demoStations[0]!.name}店主`, role: 'partner' as const, stationId: demoId('station', 1) },
  { userId: demoId('user', 3), phone: '13900000012', name: `${demoStations[1]!.name}店主`, role: 'partner' as const, stationId: demoId('station', 2) },
];

/** The quick sign-ins the local pages offer: the demo operator and partners as themselves (so their own user page works), the kiosks. */
export const demoLogins = [
  { role: 'ops' as const, sub: demoUsers[0]!.userId, who: '平台运营 · Operator (all stations)' },
  { role: 'partner' as const, sub: demoUsers[1]!.userId, stationId: demoId('station', 1), who: `${demoStations[0]!.name} 店主 · Partner` },
  { role: 'partner' as const, sub: demoUsers[2]!.userId, stationId: demoId('station', 2), who: `${demoStations[1]!.name} 店主 · Partner` },
  { role: 'kiosk' as const, stationId: demoId('station', 1), who: `${demoStations[0]!.name} 自助屏 · Kiosk` },
  { role: 'kiosk' as const, stationId: demoId('station', 2), who: `${demoStations[1]!.name} 自助屏 · Kiosk` },
];

/**
 * The couriers that leave parcels at the demo stations (docs/rules.md "Parcels"), with the handling fee each pays a
 * station per parcel handed over: the default 30 fen, more for the couriers that pay more.
 */
export const demoCouriers: Courier[] = [
  { code: 'ZTO', name: '中通快递', parcelFeeFen: 30, updatedAt: at },
  { code: 'YTO', name: '圆通速递', parcelFeeFen: 30, updatedAt: at },
  { code: 'YUNDA', name: '韵达快递', parcelFeeFen: 30, updatedAt: at },
  { code: 'JT', name: '极兔速递', parcelFeeFen: 25, updatedAt: at },
  { code: 'STO', name: '申通快递', parcelFeeFen: 30, updatedAt: at },
  { code: 'EMS', name: '中国邮政 EMS', parcelFeeFen: 40, updatedAt: at },
  { code: 'JD', name: '京东快递', parcelFeeFen: 50, updatedAt: at },
  { code: 'SF', name: '顺丰速运', parcelFeeFen: 50, updatedAt: at },
];
