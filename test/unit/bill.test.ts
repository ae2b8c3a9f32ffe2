import { describe, expect, test } from 'vitest';
import { msg, render } from '#shared/i18n/messages.ts';
import {
  checkBillAmount,
  gatewayAcceptsForMs,
  maskAccountNo,
  maskName,
  nextStep,
  openBillPayment,
  referenceOf,
  settleBillPayment,
  unknownPaymentFailsAfterMs,
  type Biller,
} from '#domain/bill.ts';
import { balanceDelta } from '#domain/ledger.ts';
import { billPaymentIdOf } from '#functions/bills/payment-id.ts';
import { idPattern } from '#shared/ids.ts';
import { RuleError } from '#shared/errors.ts';

const at = new Date('2026-11-21T02:00:00Z');
const biller = (rule: Biller['amountRule'], fee = 200, commission = 80): Biller => ({
  billerCode: 'WATER',
  name: '自来水公司',
  kind: 'WATER',
  amountRule: rule,
  customerFeeFen: fee,
  stationCommissionFen: commission,
  createdAt: at.toISOString(),
  updatedAt: at.toISOString(),
});
const account = { billerCode: 'WATER', accountNo: '5500000001', holderName: '张小英', dueFen: 4_560 };
const open = (rule: Biller['amountRule'] = 'EXACT', amountFen = 4_560) =>
  openBillPayment({ billPaymentId: 'bp_01M82YPJF9RG255JC1AWC7PWYQ', stationId: 'st_1', biller: biller(rule), account, amountFen, now: at });

describe('amounts', () => {
  test('EXACT takes the amount due and nothing else, naming body.amountFen in yuan', () => {
    expect(() => checkBillAmount(biller('EXACT'), account, 4_560)).not.toThrow();
    const wrong = (() => {
      try {
        checkBillAmount(biller('EXACT'), account, 4_000);
      } catch (e) {
        return e as RuleError;
      }
    })()!;
    expect(wrong).toBeInstanceOf(RuleError);
    expect(wrong.code).toBe('wrong-amount');
    expect(wrong.message).toContain('¥45.60');
    expect(wrong.errors).toEqual([{ path: 'body.amountFen', message: msg('field.exactly', { amountFen: 4_560 }) }]);
    expect(render(wrong.errors![0]!.message, 'en')).toBe('Must be exactly ¥45.60, the amount due.');
    expect(() => checkBillAmount(biller('EXACT'), { ...account, dueFen: 0 }, 100)).toThrow(/nothing to pay/);
  });

  test('ANY takes any amount (a top-up)', () => {
    expect(() => checkBillAmount(biller('ANY'), { ...account, dueFen: 0 }, 1)).not.toThrow();
  });
});

describe('the cash taken, then settled', () => {
  test('taking the cash: PENDING, total = amount + the fee, drawer and due to platform +total, a reference fixed by the id', () => {
    const { payment, entry } = open();
    expect(payment).toMatchObject({ status: 'PENDING', amountFen: 4_560, customerFeeFen: 200, totalFen: 4_760, holderName: '张*英' });
    expect(payment.reference).toBe(referenceOf(payment.billPaymentId));
    expect(Date.parse(payment.notAfter) - at.getTime()).toBe(gatewayAcceptsForMs);
    expect(entry.kind).toBe('BILL_PAYMENT');
    expect(balanceDelta(entry)).toEqual({
      drawerFen: 4_760,
      pendingRemittancesFen: 0,
      dueToPlatformFen: 4_760,
      commissionEarnedFen: 0,
      varianceFen: 0,
      villagerCreditFen: 0,
    });
  });

  test('PAID: the commission earned (due to platform −C), counted in the statement; the cash stays', () => {
    const { payment } = open();
    const paid = settleBillPayment(payment, { status: 'PAID', receiptNo: 'GW1' }, at);
    expect(paid.payment).toMatchObject({ status: 'PAID', receiptNo: 'GW1', settledAt: at.toISOString() });
    expect(balanceDelta(paid.entry)).toEqual({
      drawerFen: 0,
      pendingRemittancesFen: 0,
      dueToPlatformFen: -80,
      commissionEarnedFen: 80,
      varianceFen: 0,
      villagerCreditFen: 0,
    });
    expect(paid.statement).toEqual({ billsPaid: 1, billsFen: 4_560, billCommissionFen: 80 });
  });

  test('FAILED: the whole total handed back, nothing counted', () => {
    const { payment } = open();
    const failed = settleBillPayment(payment, { status: 'FAILED', reason: 'expired' }, at);
    expect(failed.payment).toMatchObject({ status: 'FAILED', failureReason: 'expired' });
    expect(balanceDelta(failed.entry)).toEqual({
      drawerFen: -4_760,
      pendingRemittancesFen: 0,
      dueToPlatformFen: -4_760,
      commissionEarnedFen: 0,
      varianceFen: 0,
      villagerCreditFen: 0,
    });
    expect(failed.statement).toBeUndefined();
  });

  test('a settled payment is never settled again', () => {
    const { payment } = open();
    const { payment: paid } = settleBillPayment(payment, { status: 'PAID', receiptNo: 'GW1' }, at);
    expect(() => settleBillPayment(paid, { status: 'FAILED', reason: 'x' }, at)).toThrow(/already PAID/);
  });
});

describe('a pending payment, by what the gateway knows', () => {
  const { payment } = open();
  const after = (ms: number) => new Date(at.getTime() + ms);
  test('known: settled by its record', () => {
    expect(nextStep(payment, { status: 'PAID', receiptNo: 'R' }, after(1))).toEqual({ kind: 'settle', outcome: { status: 'PAID', receiptNo: 'R' } });
  });
  test('unknown: sent again while the gateway would still take it; then it waits; after 30 minutes failed', () => {
    expect(nextStep(payment, undefined, after(1_000))).toEqual({ kind: 'send' });
    expect(nextStep(payment, undefined, after(gatewayAcceptsForMs - 1))).toEqual({ kind: 'send' });
    expect(nextStep(payment, undefined, after(gatewayAcceptsForMs + 1))).toEqual({ kind: 'wait' });
    expect(nextStep(payment, undefined, after(unknownPaymentFailsAfterMs))).toEqual({
      kind: 'settle',
      outcome: { status: 'FAILED', reason: 'never-reached-gateway' },
    });
    // Failing is safe only because the gateway refuses any late copy: the window closes well before.
    expect(gatewayAcceptsForMs).toBeLessThan(unknownPaymentFailsAfterMs);
  });
  test('unknown, its account erased: never sent again (there is nothing to send); it waits, then fails after 30 minutes', () => {
    const masked = { ...payment, accountNo: maskAccountNo(payment.accountNo), accountMasked: true };
    expect(nextStep(masked, undefined, after(1_000))).toEqual({ kind: 'wait' });
    expect(nextStep(masked, { status: 'PAID', receiptNo: 'R' }, after(1_000))).toEqual({ kind: 'settle', outcome: { status: 'PAID', receiptNo: 'R' } });
    expect(nextStep(masked, undefined, after(unknownPaymentFailsAfterMs))).toEqual({
      kind: 'settle',
      outcome: { status: 'FAILED', reason: 'never-reached-gateway' },
    });
  });
});

test('account numbers are masked to their last 4 characters when long enough to keep any', () => {
  expect(maskAccountNo('13800138000')).toBe('*******8000');
  expect(maskAccountNo('3300000001')).toBe('******0001');
  expect(maskAccountNo('12345678')).toBe('****5678');
  expect(maskAccountNo('1234567')).toBe('*******');
  expect(maskAccountNo('')).toBe('');
});

test('names are masked, once', () => {
  expect(maskName('王小明')).toBe('王*明');
  expect(maskName('王*明')).toBe('王*明');
  expect(maskName('王明')).toBe('王*');
  expect(maskName('欧阳小明')).toBe('欧**明');
});

test("a payment's id is a fixed function of the caller and the key, and a valid id", () => {
  const a = billPaymentIdOf({ scope: 'partner-1', key: 'key-00000001' });
  expect(a).toMatch(idPattern('billPayment'));
  expect(billPaymentIdOf({ scope: 'partner-1', key: 'key-00000001' })).toBe(a);
  expect(billPaymentIdOf({ scope: 'partner-2', key: 'key-00000001' })).not.toBe(a);
  expect(billPaymentIdOf({ scope: 'partner-1', key: 'key-00000002' })).not.toBe(a);
});
