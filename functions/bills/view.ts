import type { BillPayment } from '#domain/bill.ts';

/** A payment as the API shows it (its `notAfter` is between us and the gateway). */
export function billPaymentView(p: BillPayment) {
  return {
    billPaymentId: p.billPaymentId,
    stationId: p.stationId,
    billerCode: p.billerCode,
    billerName: p.billerName,
    kind: p.kind,
    accountNo: p.accountNo,
    holderName: p.holderName,
    ...(p.villagerId ? { villagerId: p.villagerId } : {}),
    ...(p.accountMasked === undefined ? {} : { accountMasked: p.accountMasked }),
    status: p.status,
    amountFen: p.amountFen,
    customerFeeFen: p.customerFeeFen,
    totalFen: p.totalFen,
    stationCommissionFen: p.stationCommissionFen,
    reference: p.reference,
    createdAt: p.createdAt,
    ...(p.settledAt ? { settledAt: p.settledAt } : {}),
    ...(p.receiptNo ? { receiptNo: p.receiptNo } : {}),
    ...(p.failureReason ? { failureReason: p.failureReason } : {}),
    ...(p.messageId ? { messageId: p.messageId } : {}),
  };
}
