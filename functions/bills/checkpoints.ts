/**
 * The steps of a bill payment, each after an await that can be the last thing
 * a Lambda does before it dies. Production runs no hook; the tests set one
 * that throws at a step, to prove that a payment resumed from any of them is
 * paid at most once and its cash kept exactly once or handed back.
 */
export type BillStep = 'cash-taken' | 'gateway-answered' | 'settled';

type Hook = (step: BillStep, billPaymentId: string) => void | Promise<void>;

let hook: Hook | undefined;

/** Tests only. */
export function onBillStep(next: Hook | undefined): void {
  hook = next;
}

export async function checkpoint(step: BillStep, billPaymentId: string): Promise<void> {
  if (hook) await hook(step, billPaymentId);
}
