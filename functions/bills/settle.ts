import { derivedId } from '#shared/derived-ids.ts';
import { nextStep, settleBillPayment, type BillOutcome, type BillPayment } from '#domain/bill.ts';
import type { PayRequest, PaymentRecord } from '#gateway/protocol.ts';
import { logger } from '#shared/logger.ts';
import * as billPaymentStore from '#store/bills.ts';
import { checkpoint } from './checkpoints.ts';
import { BillGatewayUnavailableError, gateway } from './gateway.ts';

/**
 * Moving a payment on from PENDING. Every path is safe to run twice, or
 * at the same time as another (a read, the reconciler, a retry): the gateway
 * applies a reference at most once, and the settling write is conditioned on
 * the payment still being PENDING, so it happens once whoever gets there first.
 */
export interface Progress {
  payment: BillPayment;
  /** False when the gateway did not answer (the payment stays PENDING). */
  reached: boolean;
}

const outcomeOf = (record: PaymentRecord): BillOutcome =>
  record.status === 'PAID' ? { status: 'PAID', receiptNo: record.receiptNo } : { status: 'FAILED', reason: record.reason };

const payRequestOf = (p: BillPayment): PayRequest => ({
  reference: p.reference,
  billerCode: p.billerCode,
  accountNo: p.accountNo,
  amountFen: p.amountFen,
  notAfter: p.notAfter,
});

/** Asks the gateway; `undefined` when it did not say (slow, down, the answer lost). */
async function ask<T>(call: () => Promise<T>): Promise<{ answer: T } | undefined> {
  try {
    return { answer: await call() };
  } catch (error) {
    if (error instanceof BillGatewayUnavailableError) return undefined;
    throw error;
  }
}

/** Writes the settlement once; if someone settled it first, answers what they wrote. */
async function settle(payment: BillPayment, outcome: BillOutcome): Promise<BillPayment> {
  const {
    payment: settled,
    entry,
    statement,
    message,
  } = settleBillPayment(payment, outcome, new Date(), derivedId('message', 'bill-paid', payment.billPaymentId));
  const result = await billPaymentStore.settle(settled, entry, statement, message);
  if (result === 'settled') {
    await checkpoint('settled', payment.billPaymentId);
    return settled;
  }
  if (result === 'drawer-short') {
    // The gateway refused it, but the cash was remitted meanwhile: the refund waits (PENDING) until the drawer holds it.
    logger.warn('bill refund waits for cash in the drawer', { billPaymentId: payment.billPaymentId, totalFen: payment.totalFen });
    return payment;
  }
  return (await billPaymentStore.find(payment.billPaymentId)) ?? payment;
}

/** Sends the payment (again, with its one reference) and settles it by the answer. */
export async function send(payment: BillPayment): Promise<Progress> {
  const said = await ask(() => gateway.pay(payRequestOf(payment)));
  if (!said) return { payment, reached: false };
  await checkpoint('gateway-answered', payment.billPaymentId);
  return { payment: await settle(payment, outcomeOf(said.answer)), reached: true };
}

/**
 * A payment that may be PENDING, brought as far as the gateway lets it: its
 * record there settles it; one the gateway never received is sent again (until
 * it would refuse it) and, 30 minutes after the cash was taken, failed and its
 * cash handed back (docs/bill-gateway.md "Reconciliation").
 */
export async function settlePending(payment: BillPayment, now = new Date()): Promise<Progress> {
  if (payment.status !== 'PENDING') return { payment, reached: true };
  const said = await ask(() => gateway.status(payment.reference));
  if (!said) return { payment, reached: false };
  await checkpoint('gateway-answered', payment.billPaymentId);
  const step = nextStep(payment, said.answer && outcomeOf(said.answer), now);
  if (step.kind === 'settle') return { payment: await settle(payment, step.outcome), reached: true };
  if (step.kind === 'send') return send(payment);
  return { payment, reached: true };
}
