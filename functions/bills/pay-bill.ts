import { checkBillMinimum, openBillPayment, type BillPayment } from '#domain/bill.ts';
import { smallTopUpFen } from '#domain/risk.ts';
import * as riskStore from '#store/risk.ts';
import type { RouteHandler } from '#http/route.ts';
import { NotFoundError } from '#shared/errors.ts';
import { msg } from '#shared/i18n/messages.ts';
import * as billPaymentStore from '#store/bills.ts';
import { recordIdOf, runCommand } from '#store/command.ts';
import type { billsApi } from './api.ts';
import { checkpoint } from './checkpoints.ts';
import { gateway } from './gateway.ts';
import { billPaymentIdOf } from './payment-id.ts';
import { send, settlePending } from './settle.ts';
import { billPaymentView } from './view.ts';

/**
 * A bill paid at the station (docs/bill-gateway.md "A payment, step by step"):
 * 1. read the station and the biller with the key's record (one round trip),
 *    then look the account up (and check the amount) — the gateway not
 *    answering is a 503, and nothing is written;
 * 2. take the cash: the payment (PENDING), its entry and the idempotency record
 *    in one transaction (runCommand), under an id derived from the key;
 * 3. send it to the gateway with its one reference;
 * 4. settle it by the answer in one transaction: PAID or FAILED. No answer
 *    leaves it PENDING, for a read or the reconciler to settle.
 * The same key again resumes from wherever the first attempt stopped and
 * answers the payment's current state (read again: the key's record keeps only
 * the payment's id, never its account number). A payment naming a villager is
 * listed on them in step 2, so that erasing them masks its account number.
 */
export const payBill: RouteHandler<typeof billsApi.payBill> = async (req) => {
  const { stationId } = req.params;
  const { billerCode, accountNo, amountFen, villagerId } = req.body;
  const billPaymentId = billPaymentIdOf(req.idempotency);
  let opened: BillPayment | undefined;
  const record = recordIdOf(req.idempotency);
  const taken = await runCommand(req.idempotency, {
    reads: [billPaymentStore.contextRead(stationId, billerCode, villagerId)],
    plan: async ([context]) => {
      // Before the gateway is asked anything: a top-up below the minimum is refused here, in the caller's language.
      checkBillMinimum(context.biller, amountFen);
      const account = await gateway.lookup(billerCode, accountNo);
      if (!account) throw new NotFoundError('account', msg('not-found.account', { accountNo, billerName: context.biller.name }));
      const { payment, entry } = openBillPayment({ billPaymentId, stationId, biller: context.biller, account, amountFen, villagerId, now: req.now });
      opened = payment;
      return {
        status: 201,
        body: billPaymentView(payment),
        stored: { billPaymentId },
        writes: [
          ...billPaymentStore.open(payment, entry, { record }, context.named, req.now),
          // A small phone top-up is how commission is farmed: counted in the risk view.
          ...(context.biller.kind === 'PHONE' && amountFen < smallTopUpFen ? [riskStore.add(stationId, req.now, { smallTopUps: 1 })] : []),
        ],
      };
    },
    // A replay answers from the payment itself, read below: what the record kept is not needed.
    rebuild: async (stored) => stored as Awaited<ReturnType<typeof payBill>>,
  });
  await checkpoint('cash-taken', billPaymentId);

  const replayed = taken.headers?.['idempotent-replayed'] === 'true';
  if (!replayed) {
    // Our own transaction took the cash just now: nobody has sent it yet.
    const { payment } = await send(opened!);
    return { status: 201, body: billPaymentView(payment) };
  }
  const stored = await billPaymentStore.find(billPaymentId);
  if (!stored) throw new Error(`bill payment ${billPaymentId} has an idempotency record but no item`);
  const { payment } = await settlePending(stored);
  return { status: 201, body: billPaymentView(payment), headers: { 'idempotent-replayed': 'true' } };
};
