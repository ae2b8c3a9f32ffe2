import { newMessage, reachable, shortText, yuanText, type Message } from './message.ts';
import { ConflictError, NotFoundError, RuleError, fieldError } from '#shared/errors.ts';
import { newId } from '#shared/ids.ts';
import { msg } from '#shared/i18n/messages.ts';
import { drawerShort } from './cash.ts';
import { makeEntry, movements, type Balances, type Entry } from './ledger.ts';
import type { StatementDelta } from './statement.ts';
import type { Villager } from './villager.ts';
import { repay, type Tab } from './tab.ts';

/**
 * Produce: selling upward (docs/rules.md "Produce"). Ops publish buying prices;
 * the partner weighs what a villager brings and writes a weigh ticket, which
 * copies the price and fee of the moment; the villager is paid from the drawer
 * or on credit; the ticket joins the station's open lot for its produce and
 * grade, and the lot's handling fee is earned when the platform's truck takes
 * it.
 */

export const gradePattern = /^[A-Z]$/;
export const maxDeductionBp = 5000;
/** `TAB`: the amount repays the villager's tab (oldest due first; what is left over goes to their credit). */
export const payouts = ['CASH_NOW', 'CREDIT', 'TAB'] as const;
export type Payout = (typeof payouts)[number];
export const lotStatuses = ['OPEN', 'DISPATCHED'] as const;
export type LotStatus = (typeof lotStatuses)[number];

export interface GradePrice {
  grade: string;
  priceFenPerKg: number;
}

/** A buying price list entry: a price per kilogram for each grade, and the station's handling fee per kilogram. */
export interface Produce {
  code: string;
  title: string;
  grades: GradePrice[];
  feeFenPerKg: number;
  createdAt: string;
  updatedAt: string;
}

export type ProduceInput = Pick<Produce, 'title' | 'grades' | 'feeFenPerKg'>;

export function publishProduce(code: string, input: ProduceInput, before: Produce | undefined, now: Date): Produce {
  const at = now.toISOString();
  const grades = [...input.grades].sort((a, b) => a.grade.localeCompare(b.grade));
  return { code, title: input.title, grades, feeFenPerKg: input.feeFenPerKg, createdAt: before?.createdAt ?? at, updatedAt: at };
}

/** docs/rules.md "Weigh tickets": net of tare, less the deduction (from a cleaned sample), floored to the gram. */
export const netGrams = (grossGrams: number, tareGrams: number, deductionBp: number) =>
  Math.floor(((grossGrams - tareGrams) * (10_000 - deductionBp)) / 10_000);
/** Floored to the fen: the villager never gets a fraction the scale did not weigh. */
export const amountFen = (net: number, priceFenPerKg: number) => Math.floor((net * priceFenPerKg) / 1000);
export const feeFen = (net: number, feeFenPerKg: number) => Math.floor((net * feeFenPerKg) / 1000);

export interface WeighInput {
  code: string;
  grade: string;
  grossGrams: number;
  tareGrams?: number | undefined;
  deductionBp?: number | undefined;
}

/** The figures a villager is shown (and read aloud) before accepting a ticket. */
export interface Quote {
  code: string;
  title: string;
  grade: string;
  grossGrams: number;
  tareGrams: number;
  deductionBp: number;
  netGrams: number;
  priceFenPerKg: number;
  feeFenPerKg: number;
  amountFen: number;
  feeFen: number;
}

/** The weights as a scale gives them: positive whole grams, tare below gross, deduction 0–50%. The API's schema says the same (400); this guards the domain. */
export function weightProblems(input: WeighInput) {
  const tare = input.tareGrams ?? 0;
  const deduction = input.deductionBp ?? 0;
  const problems = [];
  if (!Number.isSafeInteger(input.grossGrams) || input.grossGrams < 1) problems.push(fieldError('body.grossGrams', 'field.grams'));
  if (!Number.isSafeInteger(tare) || tare < 0) problems.push(fieldError('body.tareGrams', 'field.grams'));
  else if (tare >= input.grossGrams) problems.push(fieldError('body.tareGrams', 'field.tareBelowGross'));
  if (!Number.isSafeInteger(deduction) || deduction < 0 || deduction > maxDeductionBp) problems.push(fieldError('body.deductionBp', 'field.deduction'));
  if (!gradePattern.test(input.grade)) problems.push(fieldError('body.grade', 'field.grade'));
  return problems;
}

/** The quote: what the scale says, at today's price for the produce and grade. Writes nothing. */
export function quote(produce: Produce | undefined, input: WeighInput): Quote {
  const problems = weightProblems(input);
  if (problems.length) throw new RuleError('invalid-weights', msg('invalid-input'), problems);
  if (!produce) throw new RuleError('unknown-produce', msg('unknown-produce', { code: input.code }), [fieldError('body.code', 'field.unknownProduce')]);
  const price = produce.grades.find((g) => g.grade === input.grade);
  if (!price) {
    throw new RuleError('unknown-grade', msg('unknown-grade', { code: produce.code, grade: input.grade, grades: produce.grades.map((g) => g.grade) }), [
      fieldError('body.grade', 'field.unknownGrade'),
    ]);
  }
  const tareGrams = input.tareGrams ?? 0;
  const deductionBp = input.deductionBp ?? 0;
  const net = netGrams(input.grossGrams, tareGrams, deductionBp);
  const amount = amountFen(net, price.priceFenPerKg);
  if (amount < 1) throw new RuleError('produce-too-little', msg('produce-too-little', { netGrams: net }), [fieldError('body.grossGrams', 'field.grams')]);
  return {
    code: produce.code,
    title: produce.title,
    grade: price.grade,
    grossGrams: input.grossGrams,
    tareGrams,
    deductionBp,
    netGrams: net,
    priceFenPerKg: price.priceFenPerKg,
    feeFenPerKg: produce.feeFenPerKg,
    amountFen: amount,
    feeFen: feeFen(net, produce.feeFenPerKg),
  };
}

/** An accepted weigh ticket: the quote's figures, copied, so a later price change touches no ticket. */
export interface WeighTicket extends Quote {
  ticketId: string;
  stationId: string;
  lotId: string;
  villagerId: string;
  villageId: string;
  payout: Payout;
  /** The run's PRODUCE task it was weighed at, if at a stop. */
  taskId?: string;
  /** The message that told the villager what the ticket says (a villager who hears by SMS). */
  messageId?: string;
  at: string;
  by: string;
}

/** A station's bag of one produce and grade, until the platform's truck takes it. Totals are its tickets' sums. */
export interface Lot {
  lotId: string;
  stationId: string;
  code: string;
  title: string;
  grade: string;
  status: LotStatus;
  netGrams: number;
  amountFen: number;
  feeFen: number;
  ticketCount: number;
  openedAt: string;
  dispatchedAt?: string;
  reference?: string;
  updatedAt: string;
}

export interface WriteTicket {
  stationId: string;
  villager: Villager;
  produce: Produce | undefined;
  balances: Balances;
  /** The villager's credit before this ticket. */
  creditFen: number;
  /** The station's open lot for the produce and grade, if there is one. */
  openLotId: string | undefined;
  input: WeighInput & { payout: Payout; taskId?: string | undefined };
  by: string;
  /** The id the ticket's SMS takes, if the villager hears by SMS. */
  messageId: string;
  /** The villager's tab, for a ticket that repays it. */
  tab?: Tab | undefined;
  now: Date;
}

export interface TicketWritten {
  ticket: WeighTicket;
  /** Present when the ticket opens a new lot (its totals are this ticket's). */
  newLot?: Lot;
  entry: Entry;
  statement: StatementDelta;
  creditFen: number;
  /** What the ticket says, to the villager's phone. */
  message?: Message;
  /** The tab after a ticket that repaid it, and how much it repaid. */
  tab?: { before: Tab; after: Tab; repaidFen: number };
}

export function writeTicket(w: WriteTicket): TicketWritten {
  const q = quote(w.produce, w.input);
  if (w.input.payout === 'CASH_NOW' && q.amountFen > w.balances.drawerFen) {
    throw drawerShort(msg('drawer-short.produce', { drawerFen: w.balances.drawerFen, amountFen: q.amountFen }), [
      fieldError('body.payout', 'field.atMost', { maxFen: w.balances.drawerFen }),
    ]);
  }
  const at = w.now.toISOString();
  const lotId = w.openLotId ?? newId('lot', w.now.getTime());
  const ticketId = newId('ticket', w.now.getTime());
  // Repaying the tab: never more than owed; what the ticket comes to beyond it goes to the villager's credit.
  const tabPart = w.input.payout === 'TAB' ? tabRepayable(w.tab, q.amountFen) : 0;
  const repaid = tabPart > 0 ? repay(w.tab, tabPart, 'TICKET', w.now, ticketId) : undefined;
  const creditPart = w.input.payout === 'CREDIT' ? q.amountFen : w.input.payout === 'TAB' ? q.amountFen - tabPart : 0;
  const ticket: WeighTicket = {
    ...q,
    ticketId,
    stationId: w.stationId,
    lotId,
    villagerId: w.villager.villagerId,
    villageId: w.villager.villageId,
    payout: w.input.payout,
    ...(w.input.taskId ? { taskId: w.input.taskId } : {}),
    ...(reachable(w.villager) ? { messageId: w.messageId } : {}),
    at,
    by: w.by,
  };
  const message = ticket.messageId
    ? newMessage({
        messageId: ticket.messageId,
        stationId: w.stationId,
        villager: w.villager,
        template: 'WEIGH_TICKET',
        params: {
          ticketNo: ticket.ticketId.slice(-6),
          produce: shortText(q.title),
          grade: q.grade,
          kg: (q.netGrams / 1000).toFixed(3),
          amount: yuanText(q.amountFen),
          payout: payoutWords[ticket.payout],
        },
        subject: { kind: 'ticket', id: ticket.ticketId },
        now: w.now,
      })
    : undefined;
  const newLot: Lot | undefined = w.openLotId
    ? undefined
    : {
        lotId,
        stationId: w.stationId,
        code: q.code,
        title: q.title,
        grade: q.grade,
        status: 'OPEN',
        netGrams: q.netGrams,
        amountFen: q.amountFen,
        feeFen: q.feeFen,
        ticketCount: 1,
        openedAt: at,
        updatedAt: at,
      };
  const entry = makeEntry(
    { stationId: w.stationId, kind: 'PRODUCE_BOUGHT', villagerId: ticket.villagerId, ticketId: ticket.ticketId, lotId, at: w.now },
    w.input.payout === 'CASH_NOW' ? movements.produceBoughtForCash(q.amountFen) : movements.produceBoughtOnCredit(creditPart),
    // The produce is the platform's, and pays what the villager owes the platform: nothing the station owes moves.
    repaid ? movements.tabRepaid(repaid.repaidFen, repaid.earnedFen) : [],
  )!;
  return {
    ticket,
    ...(newLot ? { newLot } : {}),
    entry,
    statement: {
      produceNetGrams: q.netGrams,
      producePaidFen: q.amountFen,
      ...(repaid ? { tabRepaidFen: repaid.repaidFen, tabCommissionEarnedFen: repaid.earnedFen } : {}),
    },
    creditFen: w.creditFen + creditPart,
    ...(message ? { message } : {}),
    ...(repaid && w.tab ? { tab: { before: w.tab, after: repaid.tab, repaidFen: repaid.repaidFen } } : {}),
  };
}

/** How a ticket's SMS says the villager was paid. */
const payoutWords: Record<Payout, string> = { CASH_NOW: '已付现金', CREDIT: '记在您的余额上', TAB: '用来还赊账' };

/** What a ticket of `amountFen` repays of the tab: at most what is owed; nothing owed is a mistake of the partner's (422). */
function tabRepayable(tab: Tab | undefined, amountFen: number): number {
  if (!tab || tab.owedFen <= 0) throw new RuleError('tab-nothing-owed', msg('tab-nothing-owed'), [fieldError('body.payout', 'field.tabNone')]);
  return Math.min(amountFen, tab.owedFen);
}

/** A villager's credit paid out in cash: at most the credit, and only what the drawer holds. */
export function payOutCredit(
  stationId: string,
  villagerId: string,
  creditFen: number,
  balances: Balances,
  amountFen: number,
  now: Date,
): { entry: Entry; statement: StatementDelta; creditFen: number } {
  if (amountFen > creditFen) {
    throw new RuleError('credit-short', msg('credit-short', { creditFen }), [fieldError('body.amountFen', 'field.atMost', { maxFen: creditFen })]);
  }
  if (amountFen > balances.drawerFen) {
    throw drawerShort(msg('drawer-short.payout', { drawerFen: balances.drawerFen, amountFen }), [
      fieldError('body.amountFen', 'field.atMost', { maxFen: balances.drawerFen }),
    ]);
  }
  const entry = makeEntry({ stationId, kind: 'CREDIT_PAYOUT', villagerId, at: now }, movements.creditPaidOut(amountFen))!;
  return { entry, statement: { creditPaidOutFen: amountFen }, creditFen: creditFen - amountFen };
}

/** The platform's truck takes the lot: closed, and the handling fee of its tickets earned, once. */
export function dispatchLot(lot: Lot, reference: string | undefined, now: Date): { lot: Lot; entry?: Entry; statement: StatementDelta } {
  if (lot.status !== 'OPEN') throw new ConflictError('lot-dispatched', msg('lot-dispatched', { status: lot.status }));
  const at = now.toISOString();
  const dispatched: Lot = { ...lot, status: 'DISPATCHED', dispatchedAt: at, ...(reference ? { reference } : {}), updatedAt: at };
  const entry = makeEntry(
    { stationId: lot.stationId, kind: 'PRODUCE_DISPATCHED', lotId: lot.lotId, ...(reference ? { reference } : {}), at: now },
    movements.commissionEarned(lot.feeFen),
  );
  return { lot: dispatched, ...(entry ? { entry } : {}), statement: { produceFeeFen: lot.feeFen } };
}

/** A villager with credit left cannot be erased: the station still owes them (409 until it is paid out). */
export function assertNoProduceCreditLeft(creditFen: number): void {
  if (creditFen > 0) throw new ConflictError('credit-left', msg('credit-left', { creditFen }));
}

export const requireProduce = (produce: Produce | undefined): Produce => {
  if (!produce) throw new NotFoundError('produce');
  return produce;
};
