import { ApiError, NetworkError, type FieldProblem } from './api.ts';
import { lang, t, type Key } from './i18n.ts';
import { yuanToFen } from './money.ts';

/** Problem codes the partner meets, in their words. Anything else shows the API's own sentence. */
const codeKeys: Record<string, Key> = {
  'cash-limit-reached': 'problem.cashLimit',
  overpayment: 'problem.overpayment',
  'payment-outstanding': 'problem.paymentOutstanding',
  'wrong-delivery-code': 'problem.wrongCode',
  'order-locked': 'problem.locked',
  'drawer-short': 'problem.drawerShort',
  'reason-needed': 'problem.reasonNeeded',
  'phone-taken': 'problem.phoneTaken',
  'not-returnable': 'problem.notReturnable',
  'too-heavy': 'problem.tooHeavy',
  'nothing-to-deliver': 'problem.nothingToDeliver',
  'changed-meanwhile': 'problem.changedMeanwhile',
  'wrong-status': 'problem.wrongStatus',
  'invalid-input': 'problem.invalidInput',
  'not-found': 'problem.notFound',
  'cart-ordered': 'problem.cartOrdered',
  'stop-completed': 'problem.stopCompleted',
  unauthenticated: 'problem.signIn',
};

export interface Shown {
  /** One sentence for the top of the form. */
  message: string;
  /** By field name (the last part of the API's path: body.lines.0.qty → lines.0.qty). */
  fields: Record<string, string>;
}

/** A mistake the form catches before sending, named by its field like the API's own. */
export class FormMistake extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/** Yuan typed into a field, as fen; a form mistake on that field when it is not an amount. */
export function fenFromField(text: string, field: string): number {
  const fen = yuanToFen(text || '0');
  if (fen === undefined) throw new FormMistake(t('order.cashFormat'), field);
  return fen;
}

const fieldOf = (p: FieldProblem) => p.path.replace(/^(body|query|path|headers)\./, '');

export function explain(error: unknown): Shown {
  if (error instanceof NetworkError) return { message: t('problem.offline'), fields: {} };
  if (error instanceof FormMistake) return { message: error.message, fields: { [error.field]: error.message } };
  if (!(error instanceof ApiError)) return { message: String((error as Error)?.message ?? error), fields: {} };
  const { problem } = error;
  const key = codeKeys[problem.code];
  // In Chinese the sentence is ours; the API's English detail is kept for the English form.
  const message = key && lang() === 'zh' ? t(key) : problem.detail;
  const fields: Record<string, string> = {};
  for (const p of problem.errors ?? []) fields[fieldOf(p)] = lang() === 'zh' ? `${t('problem.checkField')}${p.message}` : p.message;
  return { message, fields };
}
