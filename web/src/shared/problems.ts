import { ApiError, NetworkError, type FieldProblem, type Problem } from './api.ts';
import { SignInRefused } from './auth.ts';
import { t } from './i18n.ts';

export interface Shown {
  /** One sentence for the top of the form. */
  message: string;
  /** By field name (the API's path without body./query.: body.lines.0.qty → lines.0.qty). */
  fields: Record<string, string>;
}

/** A mistake the form catches before sending, named by its field like the API's own, in the API's words. */
export class FormMistake extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

const fieldOf = (p: FieldProblem) => p.path.replace(/^(body|query|path|headers)\./, '');

/** A refusal the API gave: its sentence and field messages are already in the language the page asked for. */
export function shownProblem(problem: Problem): Shown {
  const fields: Record<string, string> = {};
  for (const p of problem.errors ?? []) fields[fieldOf(p)] = p.message;
  return { message: problem.detail, fields };
}

export function explain(error: unknown): Shown {
  if (error instanceof NetworkError) return { message: t('problem.offline'), fields: {} };
  if (error instanceof FormMistake) return { message: error.message, fields: { [error.field]: error.message } };
  if (error instanceof ApiError) return shownProblem(error.problem);
  if (error instanceof SignInRefused) return { message: error.message || t('signIn.refused'), fields: {} };
  // Our own fault: never a raw exception text in front of a partner.
  console.error(error);
  return { message: t('problem.unexpected'), fields: {} };
}
