/**
 * The SMS gateway's wire protocol (docs/sms-gateway.md), modelled on the large
 * Chinese SMS services: an approved signature and approved templates whose
 * variables are typed, an `outId` of ours on every message, business error
 * codes, per-number limits counted in Asia/Shanghai natural windows, segments,
 * and delivery receipts pushed back. The adapter (sms-gateway.ts) and the local
 * stand-in (scripts/local/sms-gateway.ts) both take their rules from here.
 */

/** The signature approved for the system, put before every message. */
export const signName = '【乡村服务站】';

/**
 * A variable's type, as the services approve them: a verification code (4–6
 * digits), an amount of money, a number, a date, or short text (no link, no
 * brackets that could fake a signature).
 */
export type VariableType = 'code' | 'money' | 'number' | 'date' | 'text';

const variableRules: Record<VariableType, RegExp> = {
  code: /^\d{4,6}$/,
  money: /^\d{1,9}(\.\d{1,2})?$/,
  number: /^[0-9A-Z-]{1,20}$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  text: /^[^【】[\]<>\r\n\t]{1,20}$/u,
};

/** A link in a variable is refused by the services (phishing): none may look like one. */
const looksLikeLink = /(https?:|www\.|\.(com|cn|net)\b)/i;

export const variableOk = (type: VariableType, value: string): boolean => variableRules[type].test(value) && !looksLikeLink.test(value);

/**
 * `CODE`: a verification code (limited per number to 1 a minute, 5 an hour, 10
 * a day); `NOTICE`: a notification (50 a day per template and number).
 */
export type TemplateKind = 'CODE' | 'NOTICE';

export interface Template {
  kind: TemplateKind;
  /** The approved text; `${name}` stands for a variable. */
  text: string;
  variables: Record<string, VariableType>;
}

/** Every template the system sends, as approved at the gateway (the stand-in approves exactly these). */
export const templates = {
  ORDER_PLACED: {
    kind: 'NOTICE',
    text: '您在${station}下的订单${receiptNo}共${amount}元，取货码${code}，收货时请告诉服务站，不要告诉别人。',
    variables: { station: 'text', receiptNo: 'number', amount: 'money', code: 'code' },
  },
  DELIVERY_CODE: {
    kind: 'CODE',
    text: '订单${receiptNo}的新取货码是${code}，原来的码不能再用。收货时请告诉服务站。',
    variables: { receiptNo: 'number', code: 'code' },
  },
  OUT_FOR_DELIVERY: {
    kind: 'NOTICE',
    text: '您有${count}件包裹今天由${station}送货上门（订单${receiptNo}），收货时请说出取货码。',
    variables: { count: 'number', station: 'text', receiptNo: 'number' },
  },
  BILL_PAID: {
    kind: 'NOTICE',
    text: '您在服务站缴的${biller}${amount}元已到账，凭证号${receiptNo}。',
    variables: { biller: 'text', amount: 'money', receiptNo: 'number' },
  },
  WEIGH_TICKET: {
    kind: 'NOTICE',
    text: '收购单${ticketNo}：${produce}${grade}级，净重${kg}公斤，${amount}元，${payout}。',
    variables: { ticketNo: 'number', produce: 'text', grade: 'text', kg: 'text', amount: 'money', payout: 'text' },
  },
  SIGN_IN_CODE: {
    kind: 'CODE',
    text: '您的登录验证码是${code}，5分钟内有效。不要告诉任何人，工作人员不会向您要这个码。',
    variables: { code: 'code' },
  },
  CLAIM_DECIDED: {
    kind: 'NOTICE',
    text: '您在订单${receiptNo}上的售后申请：${decision}。',
    variables: { receiptNo: 'number', decision: 'text' },
  },
  PARCEL_ARRIVED: {
    kind: 'NOTICE',
    text: '您的快递已到${station}，货架${shelf}，取件码${code}，取件时请告诉服务站，不要告诉别人。',
    variables: { station: 'text', shelf: 'text', code: 'code' },
  },
  PARCEL_REMINDER: {
    kind: 'NOTICE',
    text: '您在${station}的快递（货架${shelf}）还没有取，服务站保管${days}天，过期退回快递公司。',
    variables: { station: 'text', shelf: 'text', days: 'number' },
  },
  // Notices that carry a code, as ORDER_PLACED: a consent and the first sale often follow within a minute, which a CODE template's limit refuses.
  TAB_CONSENT_CODE: {
    kind: 'NOTICE',
    text: '${station}为您申请赊账额度${amount}元：先拿货、到期还，不收利息。同意请把确认码${code}告诉服务站，10分钟内有效。',
    variables: { station: 'text', amount: 'money', code: 'code' },
  },
  TAB_SALE_CODE: {
    kind: 'NOTICE',
    text: '您在${station}赊账购买${amount}元，${date}前还清，不收利息。同意请把确认码${code}告诉服务站，10分钟内有效。',
    variables: { station: 'text', amount: 'money', date: 'date', code: 'code' },
  },
  TAB_REMINDER: {
    kind: 'NOTICE',
    text: '您在${station}的赊账还欠${amount}元，${when}到期（${date}），请到服务站用现金或卖货款还清。',
    variables: { station: 'text', amount: 'money', when: 'text', date: 'date' },
  },
} as const satisfies Record<string, Template>;

export type TemplateCode = keyof typeof templates;
export const templateCodes = Object.keys(templates) as TemplateCode[];
export type TemplateParams<T extends TemplateCode> = Record<keyof (typeof templates)[T]['variables'], string>;

/** The text a phone shows: the signature and the template with its variables. */
export function render(code: TemplateCode, params: Readonly<Record<string, string>>): string {
  return signName + templates[code].text.replace(/\$\{(\w+)\}/g, (_, name: string) => params[name] ?? '');
}

/** Up to 70 characters is one message; a longer one is sent (and billed) as segments of 67. */
export const segmentsOf = (text: string): number => {
  const length = [...text].length;
  return length <= 70 ? 1 : Math.ceil(length / 67);
};

/** The business error codes (answered with HTTP 200, as the services do: the request was understood and refused). */
export const errorCodes = [
  'MOBILE_NUMBER_ILLEGAL',
  'TEMPLATE_MISSING_PARAMETERS',
  'PARAM_LENGTH_LIMIT',
  'SIGNATURE_ILLEGAL',
  'TEMPLATE_ILLEGAL',
  'BUSINESS_LIMIT_CONTROL',
] as const;
export type SmsErrorCode = (typeof errorCodes)[number];

/** Per number, in Asia/Shanghai natural windows (a minute, an hour, a day as the clock shows them, not rolling). */
export const limits = {
  CODE: { minute: 1, hour: 5, day: 10 },
  /** Per template and number. */
  NOTICE: { day: 50 },
} as const;

/** POST /sms/send. Not idempotent: the same request twice is two messages and two charges. */
export interface SendRequest {
  phone: string;
  signName: string;
  templateCode: string;
  params: Record<string, string>;
  /** Ours, to find the message again: the message's id. */
  outId: string;
}

/** The answer to POST /sms/send (HTTP 200): sent, or refused with a business code. */
export type SendAnswer = { code: 'OK'; bizId: string; message?: string } | { code: SmsErrorCode; message: string };

/** One message in GET /sms/sent?phone=&date=YYYYMMDD. */
export interface SentItem {
  bizId: string;
  outId: string;
  phone: string;
  templateCode: string;
  content: string;
  segments: number;
  /** ISO instant. */
  sendTime: string;
  status: 'SENDING' | 'DELIVERED' | 'UNDELIVERED';
  reportTime?: string;
  errCode?: string;
}

/** A delivery receipt, as pushed to POST /v1/sms/receipts (a JSON array of these). */
export interface Receipt {
  phone_number: string;
  send_time: string;
  report_time: string;
  success: boolean;
  err_code: string;
  biz_id: string;
  out_id: string;
}

/** A Shanghai date as the sent list takes it: YYYYMMDD. */
export const sendDate = (at: Date): string => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
