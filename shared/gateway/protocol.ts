/**
 * The bill gateway's wire protocol (docs/bill-gateway.md): what the adapter
 * (bill-gateway.ts) sends and the local stand-in (scripts/local/bill-gateway.ts)
 * answers. Both sign and check with ./signing.ts, so they cannot drift.
 */

/** GET /accounts/{billerCode}/{accountNo} → 200 */
export interface AccountAnswer {
  billerCode: string;
  accountNo: string;
  /** Masked by the gateway (王*明). */
  holderName: string;
  dueFen: number;
}

/** POST /payments: applied at most once per reference. */
export interface PayRequest {
  reference: string;
  billerCode: string;
  accountNo: string;
  amountFen: number;
  /** ISO instant: the gateway refuses the payment if it arrives later than this. */
  notAfter: string;
}

/** Why the gateway refused a payment (a definite answer: it was not applied, and never will be under that reference). */
export const refusalReasons = ['unknown-biller', 'unknown-account', 'wrong-amount', 'nothing-due', 'expired'] as const;
export type RefusalReason = (typeof refusalReasons)[number];

/** The gateway's record of a payment (POST /payments and GET /payments/{reference} → 200). */
export type PaymentRecord =
  { reference: string; status: 'PAID'; receiptNo: string; paidAt: string } | { reference: string; status: 'REFUSED'; reason: RefusalReason };

/** The body of every 4xx/5xx answer. */
export interface GatewayProblem {
  code: string;
  message: string;
}
